// Whole processes, as a person runs them: `berth` against `node -e 0` and skopeo, contenders alternating
// run by run, each timed from spawn to exit and its peak RSS read by /usr/bin/time.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import type { RegistryHandle } from '../fixtures/registry.js';
import { formatMs, median } from './stats.js';

const RUNS = Number(process.env.BERTH_BENCH_PROCESS_RUNS ?? 9);
/**
 * dist/test/bench → dist/cli/main.js, the bundled `berth` package.json's bin names. `BERTH_BENCH_CLI` runs
 * another build instead (an older checkout's, for a before/after in the same minutes).
 */
export const BERTH_CLI = process.env.BERTH_BENCH_CLI
  ? path.resolve(process.env.BERTH_BENCH_CLI)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli/main.js');

/** The least a Node program pays for inspect (floor-inspect.ts), beside this file in dist/test/bench. */
const FLOOR_INSPECT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'floor-inspect.js');

export interface ProcessRun {
  ms: number;
  /** Peak resident set, MiB. */
  rssMiB: number;
  /** CPU time, user + system, in seconds: less bent by a loaded machine than the wall time. */
  cpuS: number;
}

/** One whole process under /usr/bin/time: wall time from spawn to exit, peak RSS. */
export async function timeProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessRun> {
  const started = process.hrtime.bigint();
  const { stderr } = await runCommand('/usr/bin/time', ['-f', 'maxrss=%M cpu=%U+%S', command, ...args], {
    env,
    timeoutMs: 600_000,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const kib = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? 0);
  const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
  return { ms, rssMiB: kib / 1024, cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : 0 };
}

export interface Contest {
  name: string;
  berth: () => Promise<ProcessRun>;
  peerName: string;
  peer: () => Promise<ProcessRun>;
}

export interface ContestResult {
  name: string;
  peerName: string;
  berth: ProcessRun;
  peer: ProcessRun;
}

/** Medians of `runs` alternating runs (berth first on even runs, the peer first on odd ones). */
export async function runContest(contest: Contest, runs = RUNS): Promise<ContestResult> {
  await contest.berth(); // warm: page cache, Berth's compile cache, skopeo's binary
  await contest.peer();
  const berth: ProcessRun[] = [];
  const peer: ProcessRun[] = [];
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      berth.push(await contest.berth());
      peer.push(await contest.peer());
    } else {
      peer.push(await contest.peer());
      berth.push(await contest.berth());
    }
  }
  const summary = (list: ProcessRun[]) => ({
    ms: median(list.map((r) => r.ms)),
    rssMiB: median(list.map((r) => r.rssMiB)),
    cpuS: median(list.map((r) => r.cpuS)),
  });
  return { name: contest.name, peerName: contest.peerName, berth: summary(berth), peer: summary(peer) };
}

export function printContests(title: string, results: ContestResult[]): void {
  console.log(`\n${title}`);
  const side = (run: ProcessRun) =>
    `${formatMs(run.ms).padStart(10)} ${`${run.cpuS.toFixed(2)} s`.padStart(7)} ${`${run.rssMiB.toFixed(0)} MiB`.padStart(7)}`;
  console.log(
    `${'work'.padEnd(30)} ${'berth: wall'.padStart(10)} ${'CPU'.padStart(7)} ${'RSS'.padStart(7)}   ${'peer'.padEnd(25)} ${'wall'.padStart(10)} ${'CPU'.padStart(7)} ${'RSS'.padStart(7)} ${'wall×'.padStart(6)} ${'CPU×'.padStart(6)}`,
  );
  for (const r of results) {
    const cpuRatio = r.peer.cpuS > 0 ? `${(r.berth.cpuS / r.peer.cpuS).toFixed(1)}x` : '-';
    console.log(
      `${r.name.padEnd(30)} ${side(r.berth)}   ${r.peerName.padEnd(25)} ${side(r.peer)} ${`${(r.berth.ms / r.peer.ms).toFixed(2)}x`.padStart(6)} ${cpuRatio.padStart(6)}`,
    );
  }
}

/**
 * `berth --version` against `node -e 0`; inspect, 5,000 tags and a same-registry promote against skopeo's
 * whole process, and the floor of inspect (Node, undici and the same two GETs, no Berth code) against skopeo, on an open plain-HTTP registry holding `bench/app:1` and `bench/tags` (5,000 tags).
 */
export async function benchProcesses(registry: RegistryHandle): Promise<void> {
  const dataDir = await makeTempDir('berth-bench-cli-');
  const env = { ...process.env, BERTH_DATA_DIR: dataDir };
  const host = registry.host;
  const berth = (...args: string[]) => timeProcess(process.execPath, [BERTH_CLI, ...args], env);
  const skopeo = (command: string, ...args: string[]) =>
    timeProcess('skopeo', [command, ...registry.skopeoArgs(), ...args]);
  let promotes = 0;
  try {
    const results: ContestResult[] = [];
    results.push(
      await runContest({
        name: 'berth --version',
        berth: () => berth('--version'),
        peerName: 'node -e 0',
        peer: () => timeProcess(process.execPath, ['-e', '0']),
      }),
    );
    results.push(
      await runContest({
        name: 'inspect (manifest + config)',
        berth: () => berth('inspect', `${host}/bench/app:1`, '--json'),
        peerName: 'skopeo inspect',
        peer: () => skopeo('inspect', `docker://${host}/bench/app:1`),
      }),
    );
    // What Node and undici cost before Berth does anything: the same two GETs with no Berth code.
    results.push(
      await runContest({
        name: 'floor: node + undici, 2 GETs',
        berth: () => timeProcess(process.execPath, [FLOOR_INSPECT, `${host}/bench/app:1`]),
        peerName: 'skopeo inspect',
        peer: () => skopeo('inspect', `docker://${host}/bench/app:1`),
      }),
    );
    results.push(
      await runContest({
        name: 'list 5,000 tags',
        berth: () => berth('tags', `${host}/bench/tags`, '--json'),
        peerName: 'skopeo list-tags',
        peer: () => skopeo('list-tags', `docker://${host}/bench/tags`),
      }),
    );
    results.push(
      await runContest({
        name: 'same-registry promote (mount)',
        berth: async () => {
          await rm(path.join(dataDir, 'blob-locations.json'), { force: true });
          return berth('cp', `${host}/bench/app:1`, `${host}/promoted-berth-${promotes++}/app:1`);
        },
        peerName: 'skopeo copy (warm cache)',
        peer: () =>
          timeProcess('skopeo', [
            'copy',
            '--preserve-digests',
            ...registry.skopeoArgs('src'),
            ...registry.skopeoArgs('dest'),
            `docker://${host}/bench/app:1`,
            `docker://${host}/promoted-skopeo-${promotes++}/app:1`,
          ]),
      }),
    );
    printContests(`Whole processes (median of ${RUNS} alternating runs; ratio = berth / peer)`, results);
  } finally {
    await removeDir(dataDir);
  }
}
