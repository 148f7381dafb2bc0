import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { ConnectionField, UnreachableNote } from '../../components/connection-field.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useT } from '../../i18n/index.js';
import { useNavigation } from '../../navigation.js';
import { dialogs } from './messages.js';
import { referrersWanted } from './referrers-choice.js';
import { repositoryNameProblem, SyncPlanView, useSyncPlan, type SyncPlanInput } from './sync-plan.js';
import './transfers.css';
import { useDestination } from './use-destination.js';

/**
 * Sync a whole repository (or the tags a pattern matches) to a saved connection, as `berth sync` does:
 * one job, tags the destination already has identically are skipped, shared layers move once. The
 * preview says how many tags and how many bytes before anything starts.
 */
export function SyncDialog({
  connection,
  repository,
  onClose,
}: {
  connection: string;
  repository: string;
  onClose: () => void;
}) {
  const t = useT();
  const navigation = useNavigation();
  const { connections, saved, source, destination, setDestinationName, guard } = useDestination(connection);
  const [targetRepository, setTargetRepository] = useState(repository);
  const [pattern, setPattern] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const [isReferrersOff, setReferrersOff] = useState(false);

  const repositoryName = targetRepository.trim();
  const tags = pattern.trim();
  const problem = repositoryNameProblem(t, repositoryName)
    ? repositoryNameProblem(t, repositoryName)
    : tags.length > 255
      ? t(dialogs.patternTooLong)
      : source && destination && source.host === destination.host && repositoryName === repository
        ? t(dialogs.sameRepository)
        : undefined;
  const input: SyncPlanInput | undefined =
    source && destination && !problem
      ? {
          source: { connection: source.name, repository },
          destination: { connection: destination.name, repository: repositoryName },
          ...(tags ? { tags } : {}),
        }
      : undefined;
  const plan = useSyncPlan(input && !guard.down ? { ...input, referrers: !isReferrersOff } : undefined);
  const withReferrers = referrersWanted(
    isReferrersOff,
    plan.status === 'done' ? plan.value.referrers : undefined,
  );

  async function start() {
    if (!input) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('jobs.start', { kind: 'sync', ...input, referrers: withReferrers });
      onClose();
      navigation.go({ page: 'transfers' });
    } catch (failure) {
      setError(errorInfo(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t(dialogs.syncTitle, { repository })} onClose={onClose} wide>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (input && !guard.problem) void start();
        }}
      >
        <p className="muted">
          {t.rich(dialogs.syncIntro, {
            b: (chunks) => <strong translate="no">{chunks}</strong>,
            connection,
            source: source ? (
              <code>
                {source.host}/{repository}
              </code>
            ) : (
              ''
            ),
          })}
        </p>
        {connections.status === 'error' && (
          <ErrorView error={connections.error} onRetry={connections.reload} />
        )}
        {connections.status === 'loading' && <Loading label={t(dialogs.loadingConnections)} />}
        <div className="field-row">
          <ConnectionField
            label={t(dialogs.destinationRegistry)}
            connections={saved}
            value={destination?.name ?? ''}
            onChange={setDestinationName}
          />
          <label className="field">
            <span>{t(dialogs.repository)}</span>
            <input
              className="input"
              required
              spellCheck={false}
              value={targetRepository}
              onChange={(event) => setTargetRepository(event.target.value)}
            />
          </label>
        </div>
        <UnreachableNote guard={guard} role="destination" />
        <label className="field">
          <span>{t(dialogs.onlyMatching)}</span>
          <input
            className="input"
            spellCheck={false}
            placeholder={t(dialogs.patternPlaceholder)}
            value={pattern}
            onChange={(event) => setPattern(event.target.value)}
          />
        </label>
        {problem ? (
          <p className="field-note" role="status">
            {problem}
          </p>
        ) : (
          input &&
          !guard.down && (
            <SyncPlanView
              plan={plan}
              noun="sync"
              referrers={{ isOff: isReferrersOff, onChange: setReferrersOff, disabled: busy }}
            />
          )
        )}
        <DialogActions error={error} onCancel={onClose}>
          <button
            type="submit"
            className="button primary"
            disabled={busy || !input || Boolean(guard.problem)}
            title={problem ?? guard.problem}
          >
            {t(busy ? dialogs.starting : dialogs.startSync)}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
