import type { PullInput, PushInput } from '../../../shared/docker.js';
import type { JobKind } from '../../../shared/jobs.js';
import type { SaveInput } from '../archive/index.js';
import type { LoadInput } from '../archive/index.js';
import type { CopyInput, SyncInput } from '../copy/index.js';
import type { MirrorTestInput } from '../daemon-config/index.js';
import type { PruneInput } from '../prune/index.js';
import type { StorageInput } from '../storage/index.js';

/** What each kind's runner takes in core; the results each kind answers are `JobResults` in shared/jobs.ts. */
export interface JobInputs {
  copy: CopyInput;
  sync: SyncInput;
  pull: PullInput;
  push: PushInput;
  'mirror-test': MirrorTestInput;
  prune: PruneInput;
  storage: StorageInput;
  save: SaveInput;
  load: LoadInput;
}

/** Any inputs map: a manager for tests or a front door that registers runners of its own. */
export type AnyJobInputs = { [K in JobKind]: unknown };
