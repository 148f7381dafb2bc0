// Copy benchmark: a 512 MiB image of 4 incompressible 128 MiB layers between two local registries.
// Berth (a fresh process per run, timed from inside) vs `skopeo copy` (blob-info cache deleted before each
// run) vs a curl GET|PUT pipe per layer (the floor). Then a same-registry promote, and memory at 2 GiB.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import type { UploadStyle } from '../../electron/core/copy/index.js';
import { BERTH_CLI, timeProcess, type ProcessRun } from './processes.js';
import { median, formatMs } from './stats.js';

/** `berth cp` as a person runs it: a whole process, a data folder of its own (no remembered blob locations). */
async function berthCliCopy(from: string, to: string): Promise<ProcessRun> {
  const dataDir = await makeTempDir('berth-bench-cp-');
  try {
    return await timeProcess(process.execPath, [BERTH_CLI, 'cp', from, to], {
      ...process.env,
      BERTH_DATA_DIR: dataDir,
    });
  } finally {
    await removeDir(dataDir);
  }
}

const RUNS = Number(process.env.BERTH_BENCH_COPY_RUNS ?? 3);
const LAYER = 128 * 1024 * 1024;
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'copy-worker.js');

interface WorkerResult {
  ms: number;
  rssStartMiB: number;
  rssPeakMiB: number;
  bytes: number;
  digest: string;
}

async function berthCopy(
  from: string,
  to: string,
  warm: [string, string],
  style: UploadStyle = 'streamed',
): Promise<WorkerResult> {
  const { stdout } = await runCommand(process.execPath, ['--expose-gc', worker, from, to, ...warm, style], {
    timeoutMs: 600_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as WorkerResult;
}

async function skopeoCopy(
  source: RegistryHandle,
  target: RegistryHandle,
  from: string,
  to: string,
): Promise<ProcessRun> {
  // A fresh blob-info cache each run, so skopeo cannot mount from an earlier run's repository.
  await rm('/var/lib/containers/cache/blob-info-cache-v1.boltdb', { force: true });
  await rm(path.join(process.env.HOME ?? '/root', '.local/share/containers/cache'), {
    recursive: true,
    force: true,
  });
  // --preserve-digests: the byte-for-byte copy Berth makes (without it skopeo gzips uncompressed layers).
  const args = [
    'copy',
    '--preserve-digests',
    ...source.skopeoArgs('src'),
    ...target.skopeoArgs('dest'),
    `docker://${from}`,
    `docker://${to}`,
  ];
  return timeProcess('skopeo', args);
}

/** The floor: per layer, POST for a Location then `curl GET | curl PUT`, four at once; then config + manifest. */
async function curlCopy(
  source: RegistryHandle,
  target: RegistryHandle,
  image: PushedImage,
  repository: string,
): Promise<number> {
  const blobs = [image.configDigest, ...image.layerDigests];
  const script = `
set -euo pipefail
copy() {
  loc=$(curl -sf -X POST -D - -o /dev/null "${target.url}/v2/${repository}/blobs/uploads/" | tr -d '\\r' | sed -n 's/^[Ll]ocation: //p')
  curl -sf "${source.url}/v2/${image.repository}/blobs/$1" | curl -sf -X PUT -H 'Content-Type: application/octet-stream' -T - "$loc&digest=$1" -o /dev/null
}
${blobs.map((digest) => `copy ${digest} &`).join('\n')}
wait
curl -sf "${source.url}/v2/${image.repository}/manifests/1" -H 'Accept: ${image.mediaType}' | curl -sf -X PUT -H 'Content-Type: ${image.mediaType}' --data-binary @- "${target.url}/v2/${repository}/manifests/1" -o /dev/null
`;
  const started = process.hrtime.bigint();
  await runCommand('bash', ['-c', script], { timeoutMs: 600_000 });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function benchCopy(): Promise<void> {
  const [source, target] = await Promise.all([
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none' }),
  ]);
  try {
    console.log('\nCopy: seeding a 512 MiB image (4 × 128 MiB incompressible layers)…');
    const image = await pushImage(source, 'bench/big', '1', {
      layers: 4,
      layerSize: LAYER,
      format: 'docker',
    });
    await pushImage(source, 'bench/warm', '1', { layers: 1 });
    const warm: [string, string] = [`${source.host}/bench/warm:1`, `${target.host}/warm/warm:1`];
    const berth: WorkerResult[] = [];
    const chunked: WorkerResult[] = [];
    const cli: ProcessRun[] = [];
    const skopeo: ProcessRun[] = [];
    const curl: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternate who goes first; every run writes to a repository of its own.
      const order =
        run % 2 === 0
          ? ['cli', 'skopeo', 'berth', 'chunked', 'curl']
          : ['curl', 'chunked', 'berth', 'skopeo', 'cli'];
      for (const who of order) {
        if (who === 'berth' || who === 'chunked') {
          const result = await berthCopy(
            `${source.host}/bench/big:1`,
            `${target.host}/${who}-${run}/big:1`,
            warm,
            who === 'berth' ? 'streamed' : 'chunked',
          );
          if (result.digest !== image.digest || result.bytes < 4 * LAYER)
            throw new Error(`berth copy wrong: ${JSON.stringify(result)}`);
          (who === 'berth' ? berth : chunked).push(result);
        } else if (who === 'cli') {
          cli.push(await berthCliCopy(`${source.host}/bench/big:1`, `${target.host}/cli-${run}/big:1`));
        } else if (who === 'skopeo') {
          skopeo.push(
            await skopeoCopy(
              source,
              target,
              `${source.host}/bench/big:1`,
              `${target.host}/skopeo-${run}/big:1`,
            ),
          );
        } else {
          curl.push(await curlCopy(source, target, image, `curl-${run}/big`));
        }
      }
    }
    const berthMs = median(berth.map((r) => r.ms));
    const chunkedMs = median(chunked.map((r) => r.ms));
    const cliMs = median(cli.map((r) => r.ms));
    const skopeoMs = median(skopeo.map((r) => r.ms));
    const curlMs = median(curl);
    const growth = Math.max(...berth.map((r) => r.rssPeakMiB - r.rssStartMiB));
    console.log(
      `\nCopy 512 MiB between two registries (median of ${RUNS}; every Berth run verified all digests)`,
    );
    console.log(
      `  berth cp (process)   ${formatMs(cliMs).padStart(10)}   peak RSS ${median(cli.map((r) => r.rssMiB)).toFixed(0)} MiB, CPU ${median(cli.map((r) => r.cpuS)).toFixed(2)} s   ratio to skopeo ${(cliMs / skopeoMs).toFixed(3)}x (target ≤ 1.0x)`,
    );
    console.log(
      `  skopeo copy --preserve-digests ${formatMs(skopeoMs).padStart(10)}   peak RSS ${median(skopeo.map((r) => r.rssMiB)).toFixed(0)} MiB, CPU ${median(skopeo.map((r) => r.cpuS)).toFixed(2)} s`,
    );
    console.log(
      `  berth job, streamed  ${formatMs(berthMs).padStart(10)}   in-process, warm; RSS growth ${growth.toFixed(1)} MiB`,
    );
    console.log(
      `  berth job, chunked   ${formatMs(chunkedMs).padStart(10)}   in-process, warm; 4 MiB PATCH chunks; streamed/chunked ${(berthMs / chunkedMs).toFixed(3)}x`,
    );
    console.log(
      `  curl GET|PUT         ${formatMs(curlMs).padStart(10)}   (floor, no verification); berth cp / curl ${(cliMs / curlMs).toFixed(3)}x`,
    );

    // Same-registry promote: mounts only.
    const promote = await berthCopy(`${target.host}/berth-0/big:1`, `${target.host}/promoted/big:1`, [
      `${target.host}/warm/warm:1`,
      `${target.host}/warm2/warm:1`,
    ]);
    console.log(
      `  same-registry promote: ${formatMs(promote.ms)} (target ≤ 50 ms), ${promote.bytes} layer bytes moved`,
    );

    if (process.env.BERTH_BENCH_SKIP_2G !== '1') {
      console.log('\nCopy: seeding a 2 GiB image (16 × 128 MiB) for the memory check…');
      await pushImage(source, 'bench/huge', '1', { layers: 16, layerSize: LAYER, format: 'docker' });
      const huge = await berthCliCopy(`${source.host}/bench/huge:1`, `${target.host}/cli-huge/huge:1`);
      const hugeSkopeo = await skopeoCopy(
        source,
        target,
        `${source.host}/bench/huge:1`,
        `${target.host}/skopeo-huge/huge:1`,
      );
      console.log(
        `  2 GiB: berth cp ${formatMs(huge.ms)}, peak RSS ${huge.rssMiB.toFixed(0)} MiB (target ≤ 100 MB), CPU ${huge.cpuS.toFixed(2)} s; skopeo ${formatMs(hugeSkopeo.ms)}, ${hugeSkopeo.rssMiB.toFixed(0)} MiB, CPU ${hugeSkopeo.cpuS.toFixed(2)} s`,
      );
    }
  } finally {
    await Promise.all([source.stop(), target.stop()]);
  }
}
