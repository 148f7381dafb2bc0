import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  timeoutsFromEnvironment,
  timeoutsFromSeconds,
} from '../../electron/core/registry/index.js';

describe('timeouts a user gives in seconds', () => {
  it('takes one second to a day, for every phase', () => {
    expect(timeoutsFromSeconds('1', '--timeout')).toEqual({ connectMs: 1000, answerMs: 1000, idleMs: 1000 });
    expect(timeoutsFromSeconds(' 1.5 ', '--timeout').idleMs).toBe(1500);
    expect(timeoutsFromSeconds(86_400, 'the connection x').answerMs).toBe(86_400_000);
  });

  it('refuses less than a second: 0.0001 rounded to 0 ms, which switches the timeouts off', () => {
    for (const value of [
      '0.0001',
      '0.001',
      '0.5',
      0.2,
      '0',
      '-1',
      '1e9',
      'abc',
      '',
      ' ',
      'Infinity',
      'NaN',
    ]) {
      expect(() => timeoutsFromSeconds(value, '--timeout'), String(value)).toThrow(ConfigError);
    }
    expect(() => timeoutsFromEnvironment({ BERTH_TIMEOUT: '0.0004' })).toThrow(
      'BERTH_TIMEOUT: "0.0004" is not a timeout in seconds',
    );
  });
});
