import type { EngineKind, PushedTag, PushInput, PushResult } from '../../../shared/docker.js';
import type { ImageReference } from '../../../shared/reference.js';
import { BerthError } from '../errors.js';
import type { JobContext } from '../jobs/index.js';
import { namePath, type DockerEngine } from './engine.js';
import type { StreamErrorContext } from './errors.js';
import { classifyEngineMessage } from './errors.js';
import {
  engineReference,
  engineReferenceAt,
  inspectLocalImage,
  listLocalImages,
  localTagsOf,
  removeLocalImage,
  tagLocalImage,
} from './images.js';
import { streamFailure, type StreamMessage } from './json-stream.js';
import { LayerProgress } from './progress.js';
import { engineFailure, type EngineJobDeps } from './pull.js';
import { registryAuthHeader } from './registry-auth.js';

interface PushStep {
  /** The local name (or ID) the image has now. */
  source: string;
  imageId: string;
  size: number;
  target: ImageReference & { tag: string };
}

const DIGEST_LINE = /^(\S+): digest: (sha256:[a-f0-9]{64}) size: (\d+)$/;

/** The pushed digest: the status line is portable (the containerd store sends no `aux`), `aux` when present. */
export function pushedDigest(
  message: StreamMessage,
): { tag: string; digest: string; size: number } | undefined {
  const aux = message.aux;
  if (aux && typeof aux.Digest === 'string' && typeof aux.Tag === 'string')
    return { tag: aux.Tag, digest: aux.Digest, size: typeof aux.Size === 'number' ? aux.Size : 0 };
  const line = DIGEST_LINE.exec(message.status ?? '');
  if (line?.[1] && line[2] && line[3]) return { tag: line[1], digest: line[2], size: Number(line[3]) };
  return undefined;
}

function withTag(ref: ImageReference, tag: string): ImageReference & { tag: string } {
  return engineReference(`${ref.name}:${tag}`) as ImageReference & { tag: string };
}

const NO_LOCAL_IMAGE_HINT = '`berth images` lists the images the engine has.';
const NO_LOCAL_IMAGE_APP_HINT =
  'The Local images page lists the images the engine has; it may have been removed meanwhile.';

/** Which local names go where: one tag, or every local tag of the source repository. */
async function planPush(engine: DockerEngine, input: PushInput, signal: AbortSignal): Promise<PushStep[]> {
  if (!input.allTags) {
    const local = await inspectLocalImage(engine, input.source, signal);
    if (!local)
      throw new BerthError('NOT_FOUND', `the engine has no image ${input.source}`, {
        hint: NO_LOCAL_IMAGE_HINT,
        appHint: NO_LOCAL_IMAGE_APP_HINT,
      });
    const target = input.to ? engineReferenceAt(input.to) : engineReference(input.source);
    if (target.digest)
      throw new BerthError(
        'INVALID_REFERENCE',
        `cannot push to ${target.input}: push to a tag, not a digest`,
      );
    return [
      {
        source: input.source,
        imageId: local.id,
        size: local.size,
        target: withTag(target, target.tag ?? 'latest'),
      },
    ];
  }
  const source = engineReference(input.source);
  if (source.tag || source.digest)
    throw new BerthError(
      'INVALID_INPUT',
      `--all-tags pushes every tag of a repository; give ${source.name} without a tag`,
    );
  const targetRepository = input.to ? engineReferenceAt(input.to) : source;
  if (targetRepository.tag || targetRepository.digest)
    throw new BerthError('INVALID_INPUT', `--all-tags keeps the tags; give --to a repository without a tag`);
  const images = await listLocalImages(engine, signal);
  const tags = localTagsOf(images, source.name);
  if (!tags.length)
    throw new BerthError('NOT_FOUND', `the engine has no tags of ${source.name}`, {
      hint: NO_LOCAL_IMAGE_HINT,
      appHint: NO_LOCAL_IMAGE_APP_HINT,
    });
  return tags.map((tag) => {
    const local = images.find((image) => image.repoTags.some((name) => sameName(name, source.name, tag)))!;
    return {
      source: `${source.name}:${tag}`,
      imageId: local.id,
      size: local.size,
      target: withTag(targetRepository, tag),
    };
  });
}

function sameName(repoTag: string, name: string, tag: string): boolean {
  try {
    return engineReference(repoTag).canonical === `${name}:${tag}`;
  } catch {
    return false;
  }
}

/** Gives the image its target name for the push; returns the name if Berth made it (to remove afterwards). */
async function nameForPush(
  engine: DockerEngine,
  step: PushStep,
  signal: AbortSignal,
): Promise<string | undefined> {
  const name = step.target.canonical;
  const existing = await inspectLocalImage(engine, name, signal);
  if (existing?.id === step.imageId) return undefined;
  if (existing)
    throw new BerthError(
      'INVALID_INPUT',
      `${name} already names another local image (${existing.id.slice(7, 19)})`,
      {
        hint: 'Remove that local tag first, or push to another name.',
      },
    );
  await tagLocalImage(engine, step.imageId, name, signal);
  return name;
}

/**
 * The `push` job: `POST /images/{repository}/push?tag=…` per tag, one after another. The tag goes in the
 * query only: Podman reads `repo:tag` plus `?tag=` as `repo:tag:tag`, and an empty tag means "all tags"
 * on Docker but `latest` on Podman. Podman 4 reports no layers while pushing; the job then shows one
 * item per image, its bytes counted when it is done.
 */
export async function pushImage(
  deps: EngineJobDeps,
  input: PushInput,
  context: JobContext,
): Promise<PushResult> {
  const { engine } = deps;
  const { signal } = context;
  const { kind } = await engine.version(signal);
  const steps = await planPush(engine, input, signal);
  const progress = new LayerProgress(context);
  const pushed: PushedTag[] = [];
  const madeNames: string[] = [];
  let layerMessages = 0;
  try {
    for (const step of steps) {
      const made = await nameForPush(engine, step, signal);
      if (made && !input.keepName) madeNames.push(made);
      const result = await pushOne(deps, kind, step, input.insecure, progress, context);
      layerMessages += result.layerMessages;
      pushed.push(result.pushed);
    }
  } catch (error) {
    progress.failAll(signal.aborted ? 'cancelled' : 'failed');
    throw error;
  } finally {
    // The image keeps its own name; the names Berth added for the push go again unless asked to stay.
    for (const name of madeNames) await removeLocalImage(engine, name).catch(() => undefined);
  }
  return {
    repository: steps[0]!.target.name,
    engine: kind,
    pushed,
    layerBytes: layerMessages > 0 && progress.hasLayerBytes,
  };
}

async function pushOne(
  deps: EngineJobDeps,
  kind: EngineKind,
  step: PushStep,
  insecure: boolean | undefined,
  progress: LayerProgress,
  context: JobContext,
): Promise<{ pushed: PushedTag; layerMessages: number }> {
  const { engine } = deps;
  const { signal } = context;
  const { target } = step;
  const item = context.item(`tag:${target.canonical}`, { label: target.familiar, kind: 'tag' });
  item.setState('checking');
  const credential = await deps.credentialFor(target.registry);
  const errorContext: StreamErrorContext = {
    registry: target.registry,
    engine: kind,
    hadCredential: Boolean(credential),
    action: `push ${target.canonical}`,
  };
  let layerMessages = 0;
  let pushed: PushedTag | undefined;
  try {
    item.setState('transferring');
    const stream = engine.stream(
      {
        method: 'POST',
        path: `/images/${namePath(target.name)}/push`,
        // Docker decides plain HTTP from its daemon.json; Podman must be told per request.
        query: { tag: target.tag, tlsVerify: kind === 'podman' && insecure ? 'false' : undefined },
        headers: { 'X-Registry-Auth': registryAuthHeader(credential, target.registry) },
        signal,
      },
      `push ${target.canonical}`,
    );
    for await (const message of stream) {
      const failure = streamFailure(message);
      if (failure) throw classifyEngineMessage(failure, errorContext);
      if (progress.handle(message)) {
        layerMessages++;
        continue;
      }
      const digest = pushedDigest(message);
      if (digest && digest.tag === target.tag)
        pushed = { reference: target.canonical, tag: target.tag, digest: digest.digest, size: digest.size };
    }
  } catch (error) {
    item.setState('failed', signal.aborted ? 'cancelled' : 'failed');
    throw engineFailure(error, errorContext);
  }
  if (!pushed) {
    item.setState('failed', 'no digest reported');
    throw new BerthError(
      'PROTOCOL',
      `the engine ended the push of ${target.canonical} without reporting a digest`,
    );
  }
  if (layerMessages === 0) {
    // Per-image progress: the engine said nothing about layers.
    item.setTotal(step.size);
    item.addBytes(step.size);
    item.setState('done', `${pushed.digest} (the engine reports no per-layer progress)`);
  } else item.setState('done', pushed.digest);
  return { pushed, layerMessages };
}
