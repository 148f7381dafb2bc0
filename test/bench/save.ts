// Save benchmark: a 512 MiB image (4 incompressible 128 MiB layers) from a local registry to a file, as whole
// processes a person runs: `berth save --format oci` against `skopeo copy docker://… oci-archive:…`, and
// `berth save` (a Docker archive) against `docker save` of the same image already pulled into a bench dockerd
// (the engine does that work, so only the CLI's RSS is its). Contenders alternate run by run; medians, ratios
// and peak RSS are printed. Then a 2 GiB save for Berth's peak RSS.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { startDockerd } from '../fixtures/dockerd.js';
import { pushImage } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry } from '../fixtures/registry.js';
import { BERTH_CLI, timeProcess, type ProcessRun } from './processes.js';
import { formatMs, median } from './stats.js';

const RUNS = Number(process.env.BERTH_BENCH_SAVE_RUNS ?? 3);
const LAYER = 128 * 1024 * 1024;

function summary(runs: ProcessRun[]): ProcessRun {
  return {
    ms: median(runs.map((run) => run.ms)),
    rssMiB: median(runs.map((run) => run.rssMiB)),
    cpuS: median(runs.map((run) => run.cpuS)),
  };
}

function line(name: string, run: ProcessRun): string {
  return `  ${name.padEnd(44)} ${formatMs(run.ms).padStart(10)}   peak RSS ${run.rssMiB.toFixed(0).padStart(4)} MiB, CPU ${run.cpuS.toFixed(2)} s`;
}

export async function benchSave(): Promise<void> {
  const out = await makeTempDir('berth-bench-save-');
  const dataDir = await makeTempDir('berth-bench-save-data-');
  const [registry, dockerd] = await Promise.all([startRegistry({ auth: 'none' }), startDockerd()]);
  const env = { ...process.env, BERTH_DATA_DIR: dataDir };
  const berthSave = async (reference: string, file: string, format: string) => {
    const run = await timeProcess(
      process.execPath,
      [BERTH_CLI, 'save', reference, '-o', file, '--format', format],
      env,
    );
    await rm(file, { force: true });
    return run;
  };
  try {
    console.log('\nSave: seeding a 512 MiB image (4 × 128 MiB incompressible layers)…');
    await pushImage(registry, 'bench/big', '1', { layers: 4, layerSize: LAYER, format: 'docker' });
    const reference = `${registry.host}/bench/big:1`;
    await dockerd.docker(['pull', reference], { timeoutMs: 600_000 });

    const contenders: Record<string, () => Promise<ProcessRun>> = {
      'berth save --format oci': () => berthSave(reference, path.join(out, 'berth.oci.tar'), 'oci'),
      'skopeo copy docker:// oci-archive:': async () => {
        const file = path.join(out, 'skopeo.oci.tar');
        const run = await timeProcess('skopeo', [
          'copy',
          '--src-tls-verify=false',
          `docker://${reference}`,
          `oci-archive:${file}:${reference}`,
        ]);
        await rm(file, { force: true });
        return run;
      },
      'berth save (Docker archive)': () => berthSave(reference, path.join(out, 'berth.docker.tar'), 'docker'),
      'docker save (after a pull; CLI RSS only)': async () => {
        const file = path.join(out, 'docker.tar');
        const run = await timeProcess('docker', ['-H', dockerd.host, 'save', '-o', file, reference]);
        await rm(file, { force: true });
        return run;
      },
    };
    const names = Object.keys(contenders);
    const runs = new Map<string, ProcessRun[]>(names.map((name) => [name, []]));
    for (const name of names) await contenders[name]!(); // warm: page cache, compile cache, binaries
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 === 0 ? names : [...names].reverse();
      for (const name of order) runs.get(name)!.push(await contenders[name]!());
    }
    const result = new Map(names.map((name) => [name, summary(runs.get(name)!)]));
    console.log(`\nSave 512 MiB from a registry to a file (median of ${RUNS}, contenders alternating)`);
    for (const name of names) console.log(line(name, result.get(name)!));
    const ratio = (a: string, b: string) => (result.get(a)!.ms / result.get(b)!.ms).toFixed(3);
    console.log(
      `  berth save oci / skopeo: ${ratio(names[0]!, names[1]!)}x;  berth save docker / docker save: ${ratio(names[2]!, names[3]!)}x`,
    );

    if (process.env.BERTH_BENCH_SKIP_2G !== '1') {
      console.log('\nSave: seeding a 2 GiB image (16 × 128 MiB) for the memory check…');
      await pushImage(registry, 'bench/huge', '1', { layers: 16, layerSize: LAYER, format: 'docker' });
      const huge = await berthSave(`${registry.host}/bench/huge:1`, path.join(out, 'huge.tar'), 'oci');
      console.log(line('2 GiB: berth save --format oci', huge));
    }
  } finally {
    await Promise.all([registry.stop(), dockerd.stop()]);
    await removeDir(out);
    await removeDir(dataDir);
  }
}
