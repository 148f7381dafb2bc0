// One Berth copy in a fresh process, so its memory is measured alone (upload style: 5th argument,
// streamed or chunked; default streamed): prints
// {"ms", "rssStartMiB", "rssPeakMiB", "bytes", "digest", "blobs"} as JSON on stdout.
import { BlobLocationCache, copyImage, type UploadStyle } from '../../electron/core/copy/index.js';
import { JobManager } from '../../electron/core/jobs/index.js';
import { RegistryClient } from '../../electron/core/registry/index.js';
import { parseDestinationLocation, parseImageLocation } from '../../shared/location.js';

const [source, destination, warmSource, warmDestination, style] = process.argv.slice(2) as [
  string,
  string,
  string?,
  string?,
  UploadStyle?,
];
const client = new RegistryClient({
  certsDRoot: false,
  connectionFor: (host) => ({ host, insecureHttp: true }),
});
const jobs = new JobManager();
jobs.register('copy', (input, context) =>
  copyImage({ client, blobCache: new BlobLocationCache(), uploadStyle: style }, input, context),
);

async function copy(from: string, to: string) {
  const job = await jobs.launch(
    'copy',
    { source: parseImageLocation(from), destination: parseDestinationLocation(to) },
    'bench copy',
  ).done;
  if (job.status !== 'succeeded' || !job.result) throw new Error(JSON.stringify(job.error));
  return job.result;
}

// Warm the code paths and the connection pools with a small image first.
if (warmSource && warmDestination) await copy(warmSource, warmDestination);
global.gc?.();
const rssStart = process.memoryUsage.rss();
let rssPeak = rssStart;
let atPeak = process.memoryUsage();
const startUsage = process.memoryUsage();
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  if (usage.rss > rssPeak) {
    rssPeak = usage.rss;
    atPeak = usage;
  }
}, 5);
const started = process.hrtime.bigint();
const result = await copy(source, destination);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
await client.close();
const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
console.log(
  JSON.stringify({
    ms,
    rssStartMiB: mib(rssStart),
    rssPeakMiB: mib(rssPeak),
    bytes: result.bytesTransferred,
    digest: result.digest,
    blobs: result.blobs,
    /** Growth at the RSS peak: V8 heap, memory outside it (buffers), ArrayBuffers. */
    breakdown: Object.fromEntries(
      (['heapUsed', 'external', 'arrayBuffers'] as const).map((key) => [
        key,
        mib(atPeak[key] - startUsage[key]),
      ]),
    ),
  }),
);
