import { describe, expect, it } from 'vitest';
import { validateInput } from '../../shared/contract/index.js';
import { createIntl } from 'react-intl';
import { translator } from '../../renderer/i18n/index.js';
import { applicableFix, detailLines, firstBroken, isConnectionError } from '../../renderer/lib/diagnosis.js';
import { searchLog, suggestName, suggestPort, summarizeDryRun } from '../../renderer/lib/registry-server.js';

describe('defaults of a new registry', () => {
  it('suggests port 5000, else the first one no registry of Berth uses', () => {
    expect(suggestPort([])).toBe(5000);
    expect(suggestPort([{ port: 5000 }, { port: 5001 }, { port: 5003 }])).toBe(5002);
  });

  it('suggests "registry", else the first free registry-N', () => {
    expect(suggestName([])).toBe('registry');
    expect(suggestName([{ name: 'registry' }, { name: 'registry-2' }])).toBe('registry-3');
  });
});

describe('reading a garbage-collection dry run', () => {
  it('counts what would go from the totals line and lists the blobs', () => {
    const output = [
      'team/app',
      'blob eligible for deletion: sha256:aaa',
      'blob eligible for deletion: sha256:bbb',
      '3 blobs marked, 2 blobs and 1 manifests eligible for deletion',
    ].join('\n');
    expect(summarizeDryRun(output)).toEqual({
      blobs: 2,
      manifests: 1,
      eligible: ['sha256:aaa', 'sha256:bbb'],
    });
  });

  it('reads nothing to delete as zero', () => {
    expect(summarizeDryRun('no repositories: nothing to collect\n')).toEqual({
      blobs: 0,
      manifests: 0,
      eligible: [],
    });
  });
});

describe('the Diagnose panel', () => {
  it('opens from network, TLS and auth errors only', () => {
    expect(isConnectionError({ code: 'NETWORK', message: '' })).toBe(true);
    expect(isConnectionError({ code: 'TLS', message: '' })).toBe(true);
    expect(isConnectionError({ code: 'AUTH', message: '' })).toBe(true);
    expect(isConnectionError({ code: 'NOT_FOUND', message: '' })).toBe(false);
    expect(isConnectionError({ code: 'INVALID_INPUT', message: '' })).toBe(false);
  });

  it('offers one click for the fixes Berth applies, not for logging in or advice', () => {
    const t = translator(createIntl({ locale: 'en', messages: {} }));
    expect(applicableFix({ text: 't', action: 'trust-ca', value: 'PEM' }, t)?.label).toBe(
      'Trust this certificate',
    );
    expect(applicableFix({ text: 't', action: 'install-certs-d' }, t)?.label).toBe(
      'Install the CA for Docker',
    );
    expect(applicableFix({ text: 't', action: 'login' }, t)).toBeUndefined();
    expect(applicableFix({ text: 'Start the registry' }, t)).toBeUndefined();
    expect(applicableFix(undefined, t)).toBeUndefined();
  });

  it('names the first failed step, and splits a detail into its facts', () => {
    const step = (id: 'tcp' | 'tls', status: 'ok' | 'fail') => ({ id, title: id, status, ms: 1, detail: '' });
    const diagnosis = { target: 'h', host: 'h', scheme: 'https' as const, ok: false };
    expect(firstBroken({ ...diagnosis, steps: [step('tcp', 'ok'), step('tls', 'fail')] })?.id).toBe('tls');
    expect(firstBroken({ ...diagnosis, steps: [step('tcp', 'ok')] })).toBeUndefined();
    expect(detailLines('TLSv1.3; valid a → b; ')).toEqual(['TLSv1.3', 'valid a → b']);
  });
});

describe('the servers and doctor contracts', () => {
  it('takes a user and a password together or not at all', () => {
    expect(validateInput('servers.create', { name: 'shelf', user: 'alice', secret: 'pass-word' }).ok).toBe(
      true,
    );
    expect(validateInput('servers.create', { name: 'shelf' }).ok).toBe(true);
    const outcome = validateInput('servers.create', { name: 'shelf', user: 'alice' });
    expect(!outcome.ok && outcome.error.message).toMatch(/secret: a user needs a password/);
  });

  it('refuses a name, port, user or password the registry could not use, naming the field', () => {
    const problem = (input: unknown) => {
      const outcome = validateInput('servers.create', input);
      return outcome.ok ? 'accepted' : outcome.error.message;
    };
    expect(problem({ name: '../etc' })).toMatch(/name: a server name is letters/);
    expect(problem({ name: 'shelf', port: 70000 })).toMatch(/port: a port is 1 to 65535/);
    expect(problem({ name: 'shelf', user: 'a:b', secret: 'pass-word' })).toMatch(
      /user: a user name has no spaces or ":"/,
    );
    expect(problem({ name: 'shelf', user: 'alice', secret: 'é'.repeat(37) })).toMatch(/at most 72 bytes/);
    expect(problem({ name: 'shelf', user: 'alice', secret: 'short' })).toMatch(
      /secret: a password is at least 8/,
    );
    expect(problem({ name: 'shelf', tls: { mode: 'existing', certFile: 'a.crt' } })).toMatch(
      /tls key file is missing/,
    );
  });

  it('applies only a fix Berth knows, about a registry host', () => {
    const fix = { text: 'x', action: 'trust-ca' };
    expect(validateInput('doctor.applyFix', { host: '127.0.0.1:5000', fix }).ok).toBe(true);
    expect(
      validateInput('doctor.applyFix', { host: '127.0.0.1:5000', fix: { ...fix, action: 'rm-rf' } }).ok,
    ).toBe(false);
    expect(validateInput('doctor.run', { host: 'https://host:5000/v2/_catalog' }).ok).toBe(false);
    expect(validateInput('doctor.run', { host: 'http://host:5000' }).ok).toBe(true);
  });
});

describe('searching a registry log', () => {
  const log = 'level=info msg="listening on 127.0.0.1:5000"\nGET /v2/ 401\nget /v2/app/manifests/1 200\n';

  it('keeps the lines with the words, case-insensitively, cut at every match', () => {
    const found = searchLog(log, 'GET');
    expect(found.total).toBe(3);
    expect(found.lines.map((line) => line.number)).toEqual([2, 3]);
    expect(found.lines[1]!.parts).toEqual([
      { text: 'get', isMatch: true },
      { text: ' /v2/app/manifests/1 200', isMatch: false },
    ]);
  });

  it('shows every line, unmarked, for an empty search, and none for a word that is not there', () => {
    expect(searchLog(log, '  ').lines).toHaveLength(3);
    expect(searchLog(log, '').lines.every((line) => line.parts.every((part) => !part.isMatch))).toBe(true);
    expect(searchLog(log, 'panic').lines).toEqual([]);
    expect(searchLog('', 'x')).toEqual({ lines: [], total: 0 });
  });

  it('marks each of several matches on one line', () => {
    expect(searchLog('a/v2/b/v2', 'v2').lines[0]!.parts.filter((part) => part.isMatch)).toHaveLength(2);
  });
});
