// Pull benchmark: a 512 MiB image (4 incompressible 128 MiB layers) from a local registry into a real dockerd,
// through Berth (the pull job as the app runs it: engine client, JSON stream parsing, job events) and through
// `docker pull` on the same engine, in the same run. The engine does the work either way; the ratio shows
// what Berth adds. Target: ratio ≤ 1.05.
import { DockerEngine, makeEndpoint, registerEngineJobs } from '../../electron/core/docker/index.js';
import { JobManager } from '../../electron/core/jobs/index.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { pushImage } from '../fixtures/images.js';
import { startRegistry } from '../fixtures/registry.js';
import { formatMs, median } from './stats.js';
import { parseImageLocation } from '../../shared/location.js';

const RUNS = Number(process.env.BERTH_BENCH_PULL_RUNS ?? 3);
const LAYER = 128 * 1024 * 1024;

async function berthPull(
  engine: DockerEngine,
  reference: string,
): Promise<{ ms: number; events: number; bytes: number }> {
  const jobs = new JobManager();
  registerEngineJobs(jobs, { engine, credentialFor: async () => undefined });
  let events = 0;
  jobs.subscribe(() => events++);
  const started = process.hrtime.bigint();
  const job = await jobs.launch('pull', { image: parseImageLocation(reference) }, `pull ${reference}`).done;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (job.status !== 'succeeded') throw new Error(`berth pull failed: ${JSON.stringify(job.error)}`);
  if (job.result?.upToDate) throw new Error('berth pull found the image already there');
  return { ms, events, bytes: job.overall.bytesDone };
}

async function dockerPull(dockerd: DockerdHandle, reference: string): Promise<number> {
  const started = process.hrtime.bigint();
  await dockerd.docker(['pull', reference], { timeoutMs: 600_000 });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function benchPull(): Promise<void> {
  const [dockerd, registry] = await Promise.all([startDockerd(), startRegistry({ auth: 'none' })]);
  const engine = new DockerEngine(makeEndpoint(dockerd.host, 'chosen', 'bench engine'));
  try {
    console.log('\nPull: seeding a 512 MiB image (4 × 128 MiB incompressible layers)…');
    const image = await pushImage(registry, 'bench/big', '1', {
      layers: 4,
      layerSize: LAYER,
      format: 'docker',
    });
    const compressed = image.layers.reduce((sum, layer) => sum + layer.size, 0);
    const reference = `${registry.host}/bench/big:1`;
    // Warm both paths (page cache, the engine's connection to the registry) with a small image.
    await pushImage(registry, 'bench/warm', '1', { layers: 1, format: 'docker' });
    await berthPull(engine, `${registry.host}/bench/warm:1`);
    await dockerd.api.remove(`${registry.host}/bench/warm:1`);
    await dockerPull(dockerd, `${registry.host}/bench/warm:1`);

    const berth: number[] = [];
    const docker: number[] = [];
    let events = 0;
    for (let run = 0; run < RUNS; run++) {
      // Alternate who goes first; each pull starts with the image (and its layers) gone from the engine.
      for (const who of run % 2 === 0 ? ['berth', 'docker'] : ['docker', 'berth']) {
        await dockerd.api.remove(reference);
        if (who === 'berth') {
          const result = await berthPull(engine, reference);
          if (result.bytes !== compressed)
            throw new Error(`berth counted ${result.bytes} layer bytes, the registry has ${compressed}`);
          berth.push(result.ms);
          events = result.events;
        } else docker.push(await dockerPull(dockerd, reference));
        if (!(await dockerd.api.hasImage(reference))) throw new Error(`${who} pull left no image`);
      }
    }
    const berthMs = median(berth);
    const dockerMs = median(docker);
    console.log(`\nPull 512 MiB from a local registry into dockerd (median of ${RUNS}, vfs storage)`);
    console.log(
      `  berth pull job   ${formatMs(berthMs).padStart(10)}   ratio to docker pull ${(berthMs / dockerMs).toFixed(3)}x (target ≤ 1.05x), ${events} progress events`,
    );
    console.log(`  docker pull      ${formatMs(dockerMs).padStart(10)}   (the docker CLI, same engine)`);
    console.log(
      `  runs (ms): berth ${berth.map((ms) => ms.toFixed(0)).join(', ')}; docker ${docker.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
  } finally {
    await engine.close();
    await Promise.all([dockerd.stop(), registry.stop()]);
  }
}
