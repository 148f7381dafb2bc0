import type { EngineKind, PullInput, PullResult } from '../../../shared/docker.js';
import { BerthError } from '../errors.js';
import type { JobContext } from '../jobs/index.js';
import { EngineApiError, type DockerEngine, type EngineRequest } from './engine.js';
import { classifyEngineMessage, type StreamErrorContext } from './errors.js';
import { engineReferenceAt, inspectLocalImage } from './images.js';
import { streamFailure } from './json-stream.js';
import { LayerProgress } from './progress.js';
import { registryAuthHeader, type CredentialLookup } from './registry-auth.js';

export interface EngineJobDeps {
  engine: DockerEngine;
  /** Berth's credentials for a registry host (keychain or per call); undefined = anonymous. */
  credentialFor: CredentialLookup;
}

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/i;

export function checkPlatform(platform: string): string {
  const value = platform.trim();
  if (!PLATFORM.test(value))
    throw new BerthError('INVALID_INPUT', `"${platform}" is not a platform`, {
      hint: 'Write it as os/arch or os/arch/variant, for example linux/arm64 or linux/arm/v7.',
    });
  return value;
}

/**
 * Turns what the engine said into Berth's error kinds. A 400 is about the request itself (a bad name,
 * Podman refusing a header) and keeps its own words.
 */
export function engineFailure(error: unknown, context: StreamErrorContext): unknown {
  if (error instanceof EngineApiError && error.status !== 400)
    return classifyEngineMessage(error.engineMessage, { ...context, status: error.status });
  return error;
}

function pullRequest(
  kind: EngineKind,
  input: { name: string; tag: string; isDigest: boolean; platform?: string; insecure?: boolean },
  auth: string,
  signal: AbortSignal,
): EngineRequest {
  const headers = { 'X-Registry-Auth': auth };
  if (kind === 'podman' && input.insecure) {
    // Podman's compat pull has no way to skip TLS; its own API does (`tlsVerify`). Its stream is text.
    const [os, arch, variant] = input.platform?.split('/') ?? [];
    return {
      method: 'POST',
      path: '/images/pull',
      api: 'libpod',
      query: {
        reference: `${input.name}${input.isDigest ? '@' : ':'}${input.tag}`,
        tlsVerify: 'false',
        policy: 'always',
        OS: os,
        Arch: arch,
        Variant: variant,
      },
      headers,
      signal,
    };
  }
  // Always a tag: without one Docker pulls every tag of the repository (Podman pulls `latest`).
  return {
    method: 'POST',
    path: '/images/create',
    query: { fromImage: input.name, tag: input.tag, platform: input.platform },
    headers,
    signal,
  };
}

/** The `pull` job: `POST /images/create` with per-layer progress from the engine's stream. */
export async function pullImage(
  deps: EngineJobDeps,
  input: PullInput,
  context: JobContext,
): Promise<PullResult> {
  const { engine } = deps;
  const { signal } = context;
  const ref = engineReferenceAt(input.image);
  const platform = input.platform ? checkPlatform(input.platform) : undefined;
  const tag = ref.digest ?? ref.tag ?? 'latest';
  const target = ref.digest ? `${ref.name}@${ref.digest}` : `${ref.name}:${tag}`;

  const image = context.item(`image:${target}`, { label: ref.familiar || target, kind: 'tag' });
  image.setState('checking');
  const progress = new LayerProgress(context);
  let digest: string | undefined;
  let imageId: string | undefined;
  let upToDate = false;
  let errorContext: StreamErrorContext | undefined;
  try {
    const { kind } = await engine.version(signal);
    const credential = await deps.credentialFor(ref.registry);
    errorContext = {
      registry: ref.registry,
      engine: kind,
      hadCredential: Boolean(credential),
      action: `pull ${target}`,
    };
    const request = pullRequest(
      kind,
      { name: ref.name, tag, isDigest: Boolean(ref.digest), platform, insecure: input.insecure },
      registryAuthHeader(credential, ref.registry),
      signal,
    );
    for await (const message of engine.stream(request, `pull ${target}`)) {
      const failure = streamFailure(message);
      if (failure) throw classifyEngineMessage(failure, errorContext);
      if (progress.handle(message)) continue;
      const status = message.status ?? '';
      const reported = /^Digest: (\S+)/.exec(status)?.[1];
      if (reported) digest = reported;
      if (/^Status: Image is up to date/.test(status)) upToDate = true;
      if (message.images?.length && typeof message.id === 'string') imageId = message.id;
    }
    progress.finishAll();
    const details = await inspectLocalImage(engine, target, signal);
    if (!details)
      throw new BerthError('PROTOCOL', `the engine finished pulling ${target} but has no image of that name`);
    imageId = details.id;
    image.setState('done', upToDate ? 'image is up to date' : digest ? `digest ${digest}` : 'pulled');
    return {
      reference: target,
      engine: kind,
      digest,
      imageId,
      upToDate,
      platform,
      layerBytes: progress.hasLayerBytes,
    };
  } catch (error) {
    const note = signal.aborted ? 'cancelled' : 'failed';
    progress.failAll(note);
    image.setState('failed', note);
    throw errorContext ? engineFailure(error, errorContext) : error;
  }
}
