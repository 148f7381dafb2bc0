// Load benchmark: `berth load` of a 512 MiB OCI archive (4 incompressible 128 MiB layers, written by skopeo
// from a registry) into a registry, against `skopeo copy --preserve-digests oci-archive:… docker://…`:
// whole processes, alternating, medians of wall time, CPU and peak RSS. Each run pushes to a repository of
// its own on a registry that never held the blobs (nothing to skip or mount).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pushImage } from '../fixtures/images.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry } from '../fixtures/registry.js';
import { BERTH_CLI, printContests, runContest, timeProcess } from './processes.js';

const RUNS = Number(process.env.BERTH_BENCH_LOAD_RUNS ?? 3);
const LAYER = 128 * 1024 * 1024;
/** 128 MiB layers in the archive: 4 = 512 MiB; 16 shows memory staying flat at 2 GiB. */
const LAYERS = Number(process.env.BERTH_BENCH_LOAD_LAYERS ?? 4);

export async function benchLoad(): Promise<void> {
  const [source, target] = await Promise.all([
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none' }),
  ]);
  const dir = await makeTempDir('berth-bench-load-');
  try {
    await pushImage(source, 'bench/load', '1', { layers: LAYERS, layerSize: LAYER });
    const archive = path.join(dir, 'load.tar');
    await runCommand(
      'skopeo',
      [
        'copy',
        '--preserve-digests',
        ...source.skopeoArgs('src'),
        `docker://${source.host}/bench/load:1`,
        `oci-archive:${archive}:1`,
      ],
      { timeoutMs: 600_000 },
    );
    let run = 0;
    const result = await runContest(
      {
        name: `load a ${LAYERS * 128} MiB OCI archive`,
        berth: async () => {
          const dataDir = await makeTempDir('berth-bench-load-data-');
          try {
            return await timeProcess(
              process.execPath,
              [BERTH_CLI, 'load', archive, `${target.host}/berth/run${run++}:1`],
              {
                ...process.env,
                BERTH_DATA_DIR: dataDir,
              },
            );
          } finally {
            await removeDir(dataDir);
          }
        },
        peerName: 'skopeo copy oci-archive:',
        peer: async () => {
          // A fresh blob-info cache each run, as in the copy benchmark.
          await rm('/var/lib/containers/cache/blob-info-cache-v1.boltdb', { force: true });
          await rm(path.join(process.env.HOME ?? '/root', '.local/share/containers/cache'), {
            recursive: true,
            force: true,
          });
          return timeProcess('skopeo', [
            'copy',
            '--preserve-digests',
            ...target.skopeoArgs('dest'),
            `oci-archive:${archive}:1`,
            `docker://${target.host}/skopeo/run${run++}:1`,
          ]);
        },
      },
      RUNS,
    );
    printContests(`Load (${RUNS} alternating runs after a warm-up; medians)`, [result]);
  } finally {
    await Promise.all([source.stop(), target.stop()]);
    await removeDir(dir);
  }
}
