import type { JobItem, JobKind, JobResults, JobSnapshot } from '../../shared/jobs.js';
import type { JobInputs, JobManager } from '../core/jobs/index.js';
import { BerthError } from '../core/errors.js';
import { formatBytes, forTerminal } from './output.js';

function bar(done: number, total: number | undefined, width = 24): string {
  if (!total) return ' '.repeat(width + 2);
  const filled = Math.min(width, Math.round((done / total) * width));
  return `[${'='.repeat(Math.max(0, filled - 1))}${filled ? '>' : ''}${' '.repeat(width - filled)}]`;
}

function itemLine(item: JobItem): string {
  const label = item.label.padEnd(22).slice(0, 22);
  const state = item.state.padEnd(12);
  if (item.state === 'transferring' || item.state === 'verifying') {
    return `${label} ${state} ${bar(item.bytesDone, item.bytesTotal)} ${formatBytes(item.bytesDone)} / ${formatBytes(item.bytesTotal ?? 0)}`;
  }
  return `${label} ${state} ${item.note ?? (item.bytesTotal ? formatBytes(item.bytesTotal) : '')}`;
}

function overallLine(job: JobSnapshot): string {
  const o = job.overall;
  const eta = o.etaSeconds === undefined ? '' : `, ${Math.ceil(o.etaSeconds)} s left`;
  return `${o.itemsDone}/${o.itemsTotal} items, ${formatBytes(o.bytesDone)} of ${formatBytes(o.bytesTotal)} at ${formatBytes(o.rate)}/s${eta}`;
}

/** What a finished item's work is called, by job kind: a copy transfers blobs and pushes manifests. */
const DONE_VERB: Record<JobKind, Partial<Record<JobItem['kind'], string>>> = {
  copy: { blob: 'transferred', manifest: 'pushed', tag: 'copied', referrer: 'pushed' },
  sync: { blob: 'transferred', manifest: 'pushed', tag: 'copied', referrer: 'pushed' },
  pull: { layer: 'pulled' },
  push: { layer: 'pushed' },
  'mirror-test': { mirror: 'checked' },
  prune: { tag: 'deleted' },
  storage: { repository: 'counted' },
  save: { blob: 'saved', manifest: 'saved' },
  load: { layer: 'read', blob: 'pushed', manifest: 'pushed', tag: 'tagged' },
};

/**
 * The one line an item gets off a terminal once it has finished: its label whole, its size when known,
 * and what happened, each said once — `blob 3f2a9c81d0e4 2.1 KiB transferred`, `blob … mounted from
 * team/app`, `manifest 1 pushed`, `layer … pulled`. Undefined while the item is still under way. The
 * README's "Progress off a terminal" block shows these lines and a test holds them to it.
 */
export function finishedLine(jobKind: JobKind, item: JobItem): string | undefined {
  // A pull's or push's image item is what stdout's summary (or the error) reports next: no line here.
  if (item.kind === 'tag' && (jobKind === 'pull' || jobKind === 'push')) return undefined;
  // A storage scan's one sized item counts repositories, not bytes.
  const size = item.bytesTotal && jobKind !== 'storage' ? ` ${formatBytes(item.bytesTotal)}` : '';
  switch (item.state) {
    case 'done':
      return `${item.label}${size} ${DONE_VERB[jobKind][item.kind] ?? 'done'}`;
    case 'mounted':
      // The note already says "mounted from REPOSITORY".
      return `${item.label}${size} ${item.note ?? 'mounted'}`;
    case 'skipped':
      return `${item.label}${size} ${item.note ?? 'skipped'}`;
    case 'failed':
      if (item.note === 'cancelled') return `${item.label} cancelled`;
      return `${item.label} failed${item.note && item.note !== 'failed' ? `: ${item.note}` : ''}`;
    case 'waiting':
    case 'checking':
    case 'transferring':
    case 'verifying':
      return undefined;
  }
}

/**
 * Job progress on a terminal: one line per item redrawn in place (like `docker pull`); elsewhere
 * (pipes, CI logs) one line per item when it finishes (`finishedLine`), never a bar or a partial state.
 */
export class ProgressPrinter {
  private drawn = 0;
  private readonly printed = new Set<string>();

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly tty = Boolean(process.stderr.isTTY),
  ) {}

  update(job: JobSnapshot): void {
    if (this.tty) {
      const lines = [...job.items.map(itemLine), overallLine(job)];
      const columns = this.stream.columns ?? 120;
      let out = this.drawn ? `\x1b[${this.drawn}A` : '';
      // Labels and notes come from registries and the engine: filtered before our own cursor codes go in.
      for (const line of lines) out += `\x1b[2K${forTerminal(line).slice(0, columns - 1)}\n`;
      this.stream.write(out);
      this.drawn = lines.length;
      return;
    }
    for (const item of job.items) {
      if (this.printed.has(item.id)) continue;
      const line = finishedLine(job.kind, item);
      if (line === undefined) continue;
      this.printed.add(item.id);
      this.stream.write(`${forTerminal(line)}\n`);
    }
  }
}

/**
 * Runs one job of an already-registered kind in this process: draws its progress (unless `json`),
 * cancels it on Ctrl-C, and returns the finished snapshot or throws its typed error.
 */
export async function runJobInTerminal<K extends JobKind>(
  jobs: JobManager,
  kind: K,
  input: JobInputs[K],
  title: string,
  json: boolean,
): Promise<JobResults[K]> {
  const printer = json ? undefined : new ProgressPrinter();
  const unsubscribe = jobs.subscribe((event) => printer?.update(event.job));
  const { id, done } = jobs.launch(kind, input, title);
  const onInterrupt = () => {
    process.stderr.write('\ncancelling…\n');
    jobs.cancel(id);
  };
  process.once('SIGINT', onInterrupt);
  try {
    const job = await done;
    if (job.status !== 'succeeded') {
      const info = job.error ?? { code: 'CANCELLED' as const, message: `${title}: ${job.status}` };
      throw new BerthError(info.code, info.message, {
        hint: info.commandHint ?? info.hint,
        registry: info.registry,
        status: info.status,
      });
    }
    if (job.result === undefined) throw new BerthError('PROTOCOL', `${title}: finished without a result`);
    return job.result;
  } finally {
    process.off('SIGINT', onInterrupt);
    unsubscribe();
  }
}
