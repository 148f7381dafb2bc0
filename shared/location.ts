import { parseReference, parseRepositoryName, type ImageReference } from './reference.js';

/**
 * Where a repository is: the one way core names it. `registry` is the registry as references name it
 * (`docker.io`, `ghcr.io`, `127.0.0.1:5000`); the client finds the saved connection, the API host (Docker
 * Hub's `registry-1.docker.io`), TLS and login for it. Parsed once at the edge — from a reference string in
 * the CLI, from `{connection, repository, reference}` in a request — and passed whole from there on.
 */
export interface RepositoryLocation {
  readonly registry: string;
  readonly repository: string;
}

/** An image in a repository: `reference` is a tag (`1.0`) or a digest (`sha256:…`). */
export interface ImageLocation extends RepositoryLocation {
  readonly reference: string;
}

export function repositoryAt(registry: string, repository: string): RepositoryLocation {
  return { registry, repository };
}

export function imageAt(repository: RepositoryLocation, reference: string): ImageLocation {
  return { registry: repository.registry, repository: repository.repository, reference };
}

/** The repository part of a location or a parsed reference (a plain copy, without its other fields). */
export function repositoryOf(ref: RepositoryLocation): RepositoryLocation {
  return { registry: ref.registry, repository: ref.repository };
}

/** A parsed reference as an image location: its digest if it has one, else its tag, else `latest`. */
export function imageOf(ref: ImageReference): ImageLocation {
  return imageAt(repositoryOf(ref), ref.digest ?? ref.tag ?? 'latest');
}

/** `host/repo:tag` or `host/repo@sha256:…` text into a location (throws InvalidReferenceError). */
export function parseImageLocation(text: string): ImageLocation {
  return imageOf(parseReference(text));
}

/** `host/repo` text into a location (throws InvalidReferenceError). */
export function parseRepositoryLocation(text: string): RepositoryLocation {
  return repositoryOf(parseRepositoryName(text));
}

export function sameRepository(a: RepositoryLocation, b: RepositoryLocation): boolean {
  return a.registry === b.registry && a.repository === b.repository;
}

/** Where a copy or push goes: a tag or digest, or none to keep the source's tag. */
export interface DestinationLocation extends RepositoryLocation {
  readonly reference?: string;
}

/**
 * The reference text of a location (`127.0.0.1:5000/team/app:1.0`, `…@sha256:…`, or `…/team/app` with
 * no reference): the one place a reference is written — for the Docker engine, which takes names as text,
 * and for messages, titles and summaries. Nothing parses it back to ask for work.
 */
export function referenceText(location: DestinationLocation): string {
  const name = `${location.registry}/${location.repository}`;
  if (location.reference === undefined) return name;
  return location.reference.includes(':') ? `${name}@${location.reference}` : `${name}:${location.reference}`;
}

/** `host/repo[:tag|@digest]` text into a destination: unlike `parseImageLocation`, no tag stays no tag. */
export function parseDestinationLocation(text: string): DestinationLocation {
  const ref = parseReference(text);
  const reference = ref.digest ?? ref.tag;
  return reference === undefined ? repositoryOf(ref) : imageAt(repositoryOf(ref), reference);
}
