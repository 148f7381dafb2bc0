// The notes shown when an entry is added: one rule (notesForAdding) behind the app's daemon.validate and
// `berth daemon add-insecure` / `add-mirror` (planEdit).
import { describe, expect, it } from 'vitest';
import {
  EXPLANATIONS,
  notesForAdding,
  parseDaemonJson,
  planEdit,
  type RegistryKey,
} from '../../electron/core/daemon-config/index.js';

const empty = { file: 'f', exists: false, fingerprint: '', document: parseDaemonJson('f', '') };

describe('notes for an added entry', () => {
  it.each([
    ['registry-mirrors', 'https://mirror.example.com', [EXPLANATIONS.mirrors]],
    ['insecure-registries', '127.0.0.1:5000', [EXPLANATIONS.loopback]],
    ['insecure-registries', 'lab.example.com', [EXPLANATIONS.portless('lab.example.com')]],
    ['insecure-registries', 'lab.example.com:5000', []],
    ['insecure-registries', '10.0.0.0/8', []],
  ] as [RegistryKey, string, string[]][])('%s %s', (key, value, notes) => {
    expect(notesForAdding(key, value)).toEqual(notes);
    // The CLI's plan says the same for a file that does not have the entry yet.
    expect(planEdit(empty, { action: 'add', key, value }).notes).toEqual(notes);
  });
});
