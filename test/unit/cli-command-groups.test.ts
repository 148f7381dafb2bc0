// program.ts loads one command group per command line: its list of command names must be what each
// module really registers, or a command would be unknown until the whole program is loaded.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_GROUPS, commandWord, groupsFor } from '../../electron/cli/program.js';

const noRun = async (): Promise<void> => {};

describe('CLI command groups', () => {
  it('name exactly the top-level commands each module registers', async () => {
    for (const group of COMMAND_GROUPS) {
      const program = new Command('berth');
      (await group.load())(program, noRun);
      expect(program.commands.map((command) => command.name())).toEqual(group.names);
    }
  });

  it('finds the command after berth’s own options', () => {
    expect(commandWord(['--timeout', '60', 'tags', 'x'])).toBe('tags');
    expect(commandWord(['--timeout=60', 'inspect', 'x'])).toBe('inspect');
    expect(commandWord(['--version'])).toBeUndefined();
    expect(commandWord(['--', 'cp', 'a', 'b'])).toBe('cp');
  });

  it('loads one group for a command, none for --version, all for help or a typo', () => {
    expect(groupsFor(['tags', 'x']).map((group) => group.names[0])).toEqual(['ref']);
    expect(groupsFor(['--version'])).toEqual([]);
    expect(groupsFor(['-V'])).toEqual([]);
    expect(groupsFor(['--help'])).toBe(COMMAND_GROUPS);
    expect(groupsFor(['--version', '--help'])).toBe(COMMAND_GROUPS);
    expect(groupsFor([])).toBe(COMMAND_GROUPS);
    expect(groupsFor(['tgas'])).toBe(COMMAND_GROUPS);
    expect(groupsFor(['help', 'tags'])).toBe(COMMAND_GROUPS);
    expect(groupsFor(['tags', '--help']).map((group) => group.names[0])).toEqual(['ref']);
  });

  it('loads every group for berth’s own help typed before a command, which lists every command', () => {
    expect(groupsFor(['--help', 'tags'])).toBe(COMMAND_GROUPS);
    expect(groupsFor(['-h', 'cp', 'a', 'b'])).toBe(COMMAND_GROUPS);
    expect(groupsFor(['--timeout', '5', '-h', 'daemon'])).toBe(COMMAND_GROUPS);
  });
});
