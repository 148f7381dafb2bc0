// The words of the shared UI pieces (dialogs, error views, copy buttons, the section nav, pickers).
import { defineMessages } from '../i18n/index.js';

export const components = defineMessages({
  /** Enter on a disabled button that says nothing of its own reason: `{label}` is the button's text. */
  notReady: {
    id: 'components.notReady',
    defaultMessage:
      '{label} is not available yet: the dialog is still loading, or a field above needs an answer.',
  },
  notReadyUnnamed: {
    id: 'components.notReadyUnnamed',
    defaultMessage:
      'This is not available yet: the dialog is still loading, or a field above needs an answer.',
  },
  diagnose: { id: 'components.diagnose', defaultMessage: 'Diagnose' },
  notCopied: { id: 'components.notCopied', defaultMessage: 'Not copied' },
  clipboardRefused: {
    id: 'components.clipboardRefused',
    defaultMessage: 'The system clipboard refused the text: select it and copy it instead.',
  },
  sections: { id: 'components.sections', defaultMessage: 'Sections' },
  running: { id: 'components.running', defaultMessage: '{count} running' },
  sectionRunning: { id: 'components.sectionRunning', defaultMessage: '{section}, {count} running' },
  resizeTitle: { id: 'components.resizeTitle', defaultMessage: 'Drag to resize; double-click to reset' },
  jsonLines: { id: 'components.jsonLines', defaultMessage: '{count, plural, one {# line} other {# lines}}' },
  jsonReformatted: {
    id: 'components.jsonReformatted',
    defaultMessage: ' · served as one line, shown indented; Copy gives the bytes as served',
  },
  jsonCut: {
    id: 'components.jsonCut',
    defaultMessage:
      ' · {count, plural, one {a line} other {# lines}} longer than {max} characters shown cut (…); Copy gives the whole text',
  },
  registry: { id: 'components.registry', defaultMessage: 'Registry' },
  guardProblem: {
    id: 'components.guardProblem',
    defaultMessage: '{name} is not reachable: check it again, or tick “Start anyway” to start regardless.',
  },
  sourceNotReachable: { id: 'components.sourceNotReachable', defaultMessage: 'The source is not reachable' },
  destinationNotReachable: {
    id: 'components.destinationNotReachable',
    defaultMessage: 'The destination is not reachable',
  },
  notReachable: { id: 'components.notReachable', defaultMessage: '{name} is not reachable.' },
  lastChecked: { id: 'components.lastChecked', defaultMessage: 'Last checked at {time}.' },
  checking: { id: 'components.checking', defaultMessage: 'Checking…' },
  checkAgain: { id: 'components.checkAgain', defaultMessage: 'Check again' },
  startAnyway: {
    id: 'components.startAnyway',
    defaultMessage: 'Start anyway (the job fails unless {name} answers by then)',
  },
  /** Before an error's English message, when no translation fits it (the lead says what kind it is). */
  englishDetail: { id: 'components.englishDetail', defaultMessage: 'Details' },
});
