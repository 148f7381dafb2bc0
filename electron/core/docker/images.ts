import type { LocalImage, RemoveResult } from '../../../shared/docker.js';
import { InvalidReferenceError, parseReference, type ImageReference } from '../../../shared/reference.js';
import { referenceText, type DestinationLocation } from '../../../shared/location.js';
import { BerthError } from '../errors.js';
import { namePath, type DockerEngine } from './engine.js';

interface ImageSummary {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  Created?: number;
  Labels?: Record<string, string> | null;
  Containers?: number;
}

export interface ImageDetails {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  os?: string;
  architecture?: string;
  variant?: string;
}

const NONE = /^<none>[:@]<none>$/;

/** A reference as Berth and the engine both understand it; invalid input is a typed error. */
export function engineReference(input: string): ImageReference {
  try {
    return parseReference(input);
  } catch (error) {
    if (error instanceof InvalidReferenceError) throw new BerthError('INVALID_REFERENCE', error.message);
    throw error;
  }
}

/**
 * A location as the engine names it: its reference text, parsed back the way the engine parses it, and
 * refused when that names an image somewhere else. Docker reads a first component without a `.` or `:`
 * (other than `localhost`) as a Docker Hub namespace, so a registry saved as a bare name on its default
 * port (`https://registry`) would have its `team/app` pulled from, or pushed to, `docker.io/registry/team/app`.
 */
export function engineReferenceAt(location: DestinationLocation): ImageReference {
  const text = referenceText(location);
  const ref = engineReference(text);
  const isSameRepository =
    ref.repository === location.repository ||
    (ref.isDockerHub && ref.repository === `library/${location.repository}`);
  if (ref.registry !== location.registry || !isSameRepository)
    throw new BerthError(
      'INVALID_REFERENCE',
      `the engine would read ${text} as ${ref.name}, not as ${location.repository} in ${location.registry}`,
      {
        hint: 'Docker takes a first name without a dot or a port for a Docker Hub namespace: reach this registry by a name with a dot (its full domain name) or with its port.',
      },
    );
  return ref;
}

/** `GET /images/json`: the engine's images, newest first, without `<none>:<none>` placeholders. */
export async function listLocalImages(engine: DockerEngine, signal?: AbortSignal): Promise<LocalImage[]> {
  const summaries = await engine.json<ImageSummary[]>(
    { method: 'GET', path: '/images/json', signal },
    `list images on ${engine.host}`,
  );
  return summaries
    .map((summary) => ({
      id: summary.Id.startsWith('sha256:') ? summary.Id : `sha256:${summary.Id}`,
      repoTags: (summary.RepoTags ?? []).filter((tag) => !NONE.test(tag)),
      repoDigests: (summary.RepoDigests ?? []).filter((digest) => !NONE.test(digest)),
      size: summary.Size ?? 0,
      created: summary.Created ?? 0,
      labels: summary.Labels ?? {},
      containers: summary.Containers ?? -1,
    }))
    .sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
}

/** `GET /images/{name}/json`; undefined when the engine has no such image. */
export async function inspectLocalImage(
  engine: DockerEngine,
  name: string,
  signal?: AbortSignal,
): Promise<ImageDetails | undefined> {
  try {
    const image = await engine.json<{
      Id: string;
      RepoTags?: string[] | null;
      RepoDigests?: string[] | null;
      Size?: number;
      Os?: string;
      Architecture?: string;
      Variant?: string;
    }>({ method: 'GET', path: `/images/${namePath(name)}/json`, signal }, `inspect ${name}`);
    return {
      id: image.Id.startsWith('sha256:') ? image.Id : `sha256:${image.Id}`,
      repoTags: image.RepoTags ?? [],
      repoDigests: image.RepoDigests ?? [],
      size: image.Size ?? 0,
      os: image.Os,
      architecture: image.Architecture,
      variant: image.Variant,
    };
  } catch (error) {
    if (error instanceof BerthError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** The local tags naming `repository` (e.g. `127.0.0.1:5000/team/app`), compared the way Docker normalises names. */
export function localTagsOf(images: LocalImage[], repository: string): string[] {
  const tags = new Set<string>();
  for (const image of images)
    for (const repoTag of image.repoTags) {
      const ref = tryParse(repoTag);
      if (ref?.tag && ref.name === repository) tags.add(ref.tag);
    }
  return [...tags].sort();
}

function tryParse(input: string): ImageReference | undefined {
  try {
    return parseReference(input);
  } catch {
    return undefined;
  }
}

/** `POST /images/{source}/tag`: gives a local image (name or ID) another name. */
export async function tagLocalImage(
  engine: DockerEngine,
  source: string,
  target: string,
  signal?: AbortSignal,
): Promise<void> {
  const ref = engineReference(target);
  if (ref.digest)
    throw new BerthError('INVALID_REFERENCE', `cannot tag ${source} as ${target}: a tag cannot be a digest`);
  await (
    await engine.send(
      {
        method: 'POST',
        path: `/images/${namePath(source)}/tag`,
        query: { repo: ref.name, tag: ref.tag ?? 'latest' },
        signal,
      },
      `tag ${source} as ${ref.canonical}`,
    )
  ).body.dump();
}

/**
 * `DELETE /images/{name}`: removes one local name (`docker rmi`). The image goes too when that was its
 * last name and no container uses it. Docker lists `Untagged` before `Deleted`; Podman the other way.
 */
export async function removeLocalImage(
  engine: DockerEngine,
  name: string,
  options: { force?: boolean; signal?: AbortSignal } = {},
): Promise<RemoveResult> {
  const entries = await engine.json<Array<{ Untagged?: string; Deleted?: string }>>(
    {
      method: 'DELETE',
      path: `/images/${namePath(name)}`,
      query: { force: options.force ? '1' : undefined },
      signal: options.signal,
    },
    `remove ${name}`,
  );
  return {
    untagged: entries.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : [])),
    deleted: entries.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : [])),
  };
}
