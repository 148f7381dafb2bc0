import type { ErrorInfo } from '../../../shared/errors.js';

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
  return (
    <div className="notice missing-repository" role="alert">
      <p>
        <strong>{repository}</strong> does not exist on {connection}, or this account cannot see it.
      </p>
      <p className="muted">
        {isTypedName
          ? 'Check the name you typed, or pick a repository from the list.'
          : 'It may have been deleted since the list was read. Pick another repository from the list.'}
      </p>
      <div className="toolbar">
        {isTypedName && (
          <button type="button" className="button small" onClick={onCorrectName}>
            Correct the name
          </button>
        )}
        <button type="button" className="button small" onClick={onBack}>
          Back to the repository list
        </button>
      </div>
    </div>
  );
}
