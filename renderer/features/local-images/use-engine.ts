import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { useAsync } from '../../hooks/use-async.js';

/** The engine in use (status and the engines to switch to), its images, and the switch itself. */
export function useEngine() {
  const engine = useAsync('engine', async () => {
    const [status, list] = await Promise.all([call('engine.status', {}), call('engine.list', {})]);
    return { status, list };
  });
  const running = engine.status === 'done' && engine.value.status.state === 'running';
  // Keyed by the address: switching engines loads the other engine's images.
  const images = useAsync(running ? engine.value.status.address.host : undefined, () =>
    call('engine.images', {}),
  );
  const [switching, setSwitching] = useState(false);
  const [switchError, setSwitchError] = useState<ErrorInfo>();

  async function use(host: string) {
    setSwitching(true);
    setSwitchError(undefined);
    try {
      await call('engine.use', { host });
      engine.reload();
    } catch (error) {
      setSwitchError(errorInfo(error));
    } finally {
      setSwitching(false);
    }
  }

  return { engine, images, use, switching, switchError };
}
