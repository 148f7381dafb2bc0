/** Small timing helpers for the benchmarks: medians over repeated runs, printed as ratios. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

export interface Row {
  name: string;
  berthMs: number;
  peerMs?: number;
  peer?: string;
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(
    `${'benchmark'.padEnd(40)} ${'berth (warm)'.padStart(13)} ${'peer'.padStart(22)} ${'ratio'.padStart(8)}`,
  );
  for (const row of rows) {
    const peer = row.peerMs === undefined ? '-' : `${formatMs(row.peerMs)} ${row.peer ?? ''}`;
    const ratio = row.peerMs === undefined ? '-' : `${(row.berthMs / row.peerMs).toFixed(3)}x`;
    console.log(
      `${row.name.padEnd(40)} ${formatMs(row.berthMs).padStart(13)} ${peer.padStart(22)} ${ratio.padStart(8)}`,
    );
  }
}
