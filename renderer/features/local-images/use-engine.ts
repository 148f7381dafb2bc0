import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { useAsync } from '../../hooks/use-async.js';

/**
 * The engine in use, the engines to switch to, its images, and the switch itself. The status and the
 * list load apart: an address Berth cannot use at all (an `ssh://` DOCKER_HOST) fails the status, and
 * the switch must still offer the others.
 */
export function useEngine() {
  const [generation, setGeneration] = useState(0);
  const status = useAsync(`status ${generation}`, () => call('engine.status', {}));
  const list = useAsync(`list ${generation}`, () => call('engine.list', {}));
  // Checking again keeps showing the last answers instead of flashing a spinner over the page.
  const current = status.lastValue;
  const candidates = list.lastValue;
  const isRunning = current?.state === 'running';
  // Keyed by the address: switching engines loads the other engine's images.
  const images = useAsync(isRunning ? current.address.host : undefined, () => call('engine.images', {}));
  const [switching, setSwitching] = useState(false);
  const [switchError, setSwitchError] = useState<ErrorInfo>();
  /** Why the last switch holds only for this run (the settings file could not be written). */
  const [notRemembered, setNotRemembered] = useState<string>();

  function check() {
    setGeneration((value) => value + 1);
  }

  async function use(host: string) {
    setSwitching(true);
    setSwitchError(undefined);
    setNotRemembered(undefined);
    try {
      const switched = await call('engine.use', { host });
      if (!switched.remembered) setNotRemembered(switched.why ?? '');
      check();
    } catch (error) {
      setSwitchError(errorInfo(error));
    } finally {
      setSwitching(false);
    }
  }

  return {
    /** The last status answer; undefined before the first or when the latest failed. */
    status: status.status === 'error' ? undefined : current,
    statusError: status.status === 'error' ? status.error : undefined,
    isChecking: status.status === 'loading' || list.status === 'loading',
    list: candidates,
    listError: list.status === 'error' ? list.error : undefined,
    isRunning: status.status !== 'error' && isRunning,
    images,
    check,
    use,
    switching,
    switchError,
    notRemembered,
  };
}
