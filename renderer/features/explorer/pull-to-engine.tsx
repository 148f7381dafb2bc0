import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useNavigation } from '../../navigation.js';
import { describeError } from '../../i18n/errors.js';
import { useT } from '../../i18n/index.js';
import { image as words } from './messages.js';

/**
 * "Pull to Docker" (or Podman): a pull job of exactly the image shown, into the engine Local images uses,
 * through the saved connection's login (which stays in the main process). By the reference the view was
 * opened with (a tag, so the engine names the image by it; a digest when opened by one), and for the
 * platform picked in the view, if any. Without a running engine the button is off and says why.
 */
export function usePullToEngine({
  connection,
  repository,
  reference,
  platform,
}: {
  connection: string;
  repository: string;
  reference: string;
  platform?: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const engine = useAsync('engine', () => call('engine.status', {}));
  const saved = useAsync(`connections\n${connection}`, () => call('connections.list', {}));
  const isPlainHttp =
    saved.status === 'done' &&
    saved.value.connections.some((entry) => entry.name === connection && entry.insecureHttp);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const status = engine.status === 'done' ? engine.value : undefined;
  const isPodman = status?.engine?.kind === 'podman';
  const name = isPodman ? 'Podman' : status?.engine ? 'Docker' : t(words.theEngine);
  const reason =
    engine.status === 'error'
      ? t(words.engineUnasked, { message: describeError(t, engine.error).message })
      : !status
        ? t(words.checkingEngine)
        : status.state !== 'running'
          ? status.message
            ? t(words.engineDown, { problem: status.message.replace(/\.$/, '') })
            : t(words.noEngineAt, { host: status.address.host })
          : undefined;
  const pulled = `${repository}${isDigestText(reference) ? '@' : ':'}${reference}`;
  const host = status?.address.host ?? '';

  async function pull() {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await call('connections.list', {});
      const isPlainHttp = saved.connections.some((entry) => entry.name === connection && entry.insecureHttp);
      await call('jobs.start', {
        kind: 'pull',
        image: { connection, repository, reference },
        ...(platform ? { platform } : {}),
        // Docker decides plain HTTP itself (daemon.json); Podman has to be told.
        ...(isPlainHttp ? { insecure: true } : {}),
      });
      navigation.go({ page: 'transfers' });
    } catch (failure) {
      setError(errorInfo(failure));
      setBusy(false);
    }
  }

  const button = (
    <button
      type="button"
      className="button"
      disabled={busy || reason !== undefined}
      title={
        reason ??
        (platform
          ? t(words.pullPlatformTitle, { image: pulled, platform, engine: name, host })
          : t(words.pullTitle, { image: pulled, engine: name, host }))
      }
      onClick={() => void pull()}
    >
      {busy
        ? t(words.startingPull)
        : status?.engine
          ? t(words.pullTo, { engine: name })
          : t(words.pullToTheEngine)}
    </button>
  );
  const problem = error && <ErrorView error={error} connection={connection} />;
  /** What the view's pull lines are written for: the engine in use, Docker until it is known. */
  const commands = { tool: isPodman ? ('podman' as const) : ('docker' as const), isPlainHttp };
  return { button, problem, commands };
}

function isDigestText(reference: string): boolean {
  return /^[a-z0-9]+:[a-f0-9]{32,}$/.test(reference);
}
