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

/**
 * Job progress on a terminal: one line per item redrawn in place (like `docker pull`); elsewhere
 * (pipes, CI logs) one plain line each time an item reaches a new state.
 */
export class ProgressPrinter {
  private drawn = 0;
  private readonly seen = new Map<string, string>();

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
      if (this.seen.get(item.id) === item.state) continue;
      this.seen.set(item.id, item.state);
      if (item.state === 'waiting' || item.state === 'checking') continue;
      this.stream.write(`${forTerminal(itemLine(item).replace(/\s+/g, ' ').trim())}\n`);
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
        hint: info.hint,
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
