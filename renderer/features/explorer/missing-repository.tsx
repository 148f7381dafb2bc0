import type { ErrorInfo } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { repositories as words } from './messages.js';

/**
 * The registry answered that it has no such repository (404, `NAME_UNKNOWN`, or a 404 without codes on
 * the tag list). Trying again cannot help and there is nothing to delete; registries that hide what an
 * account may not pull answer the same way, so the words allow for that too.
 */
export function isMissingRepository(error: ErrorInfo): boolean {
  if (error.code !== 'NOT_FOUND') return false;
  return !error.registryCodes?.length || error.registryCodes.includes('NAME_UNKNOWN');
}

/** In place of the tags: the repository is not there, and the ways back. */
export function MissingRepository({
  repository,
  connection,
  isTypedName,
  onBack,
  onCorrectName,
}: {
  repository: string;
  connection: string;
  isTypedName: boolean;
  onBack: () => void;
  onCorrectName: () => void;
}) {
  const t = useT();
  return (
    <div className="notice missing-repository" role="alert">
      <p>
        {t.rich(words.missing, {
          repository,
          connection: <span translate="no">{connection}</span>,
          b: (chunks) => <strong translate="no">{chunks}</strong>,
        })}
      </p>
      <p className="muted">{isTypedName ? t(words.missingTyped) : t(words.missingListed)}</p>
      <div className="toolbar">
        {isTypedName && (
          <button type="button" className="button small" onClick={onCorrectName}>
            {t(words.correctName)}
          </button>
        )}
        <button type="button" className="button small" onClick={onBack}>
          {t(words.backToList)}
        </button>
      </div>
    </div>
  );
}
