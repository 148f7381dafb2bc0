// The doctor and the daemon.json editor say their sentences as phrases (a key, params) beside the English
// the CLI prints; the app says the key from its catalogue. The two English texts must be one: every key
// the core can say has a renderer message with the same template, which formats to the same English.
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { DAEMON_PHRASES } from '../../electron/core/daemon-config/phrases.js';
import { DOCTOR_PHRASES } from '../../electron/core/doctor/phrases.js';
import { fillTemplate } from '../../shared/contract/phrase.js';
import { said as daemonSaid } from '../../renderer/features/daemon/messages.js';
import { said as doctorSaid } from '../../renderer/features/doctor/messages.js';

const intl = createIntl({ locale: 'en', messages: {}, onError: () => undefined });

describe.each([
  {
    area: 'doctor.said',
    core: DOCTOR_PHRASES,
    renderer: doctorSaid as Record<string, { id: string; defaultMessage: string }>,
  },
  {
    area: 'daemon.said',
    core: DAEMON_PHRASES,
    renderer: daemonSaid as Record<string, { id: string; defaultMessage: string }>,
  },
])('the $area phrases', ({ area, core, renderer }) => {
  it('has a renderer message with the same English for every key the core says, and no other', () => {
    const coreTemplates = Object.fromEntries(
      Object.entries(core).map(([key, text]) => [`${area}.${key}`, text]),
    );
    const rendererTemplates = Object.fromEntries(
      Object.values(renderer).map((message) => [message.id, message.defaultMessage]),
    );
    expect(rendererTemplates).toEqual(coreTemplates);
  });

  it('formats each message to the English the core makes', () => {
    for (const message of Object.values(renderer)) {
      const names = [...message.defaultMessage.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      const values = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
      expect(intl.formatMessage(message, values), message.id).toBe(
        fillTemplate(message.defaultMessage, values),
      );
    }
  });
});
