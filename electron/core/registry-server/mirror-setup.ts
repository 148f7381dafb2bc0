import type { MirrorSetup } from '../../../shared/contract/servers.js';
import { locateRegistriesConf } from '../daemon-config/index.js';
import { isDockerHubUpstream } from './proxy.js';
import { localHost, type ServerSpec } from './spec.js';
import type { ProxySpec } from './proxy.js';

/**
 * How Docker and Podman use a pull-through cache. dockerd takes `registry-mirrors` entries for Docker
 * Hub pulls only (docker-conventions.md §1.4: `lookupV2Endpoints`), so a cache of any other upstream is
 * pulled through by its own name. Podman's registries.conf has a `[[registry.mirror]]` for any prefix.
 */
export async function mirrorSetup(
  spec: ServerSpec & { proxy: ProxySpec },
  hostForClients = localHost(spec),
): Promise<MirrorSetup> {
  const isDockerHub = isDockerHubUpstream(spec.proxy.remoteUrl);
  // With its trailing "/", as dockerd normalises a mirror and reports it in /info (validateMirror): the CLI's
  // add and the app's list write the same entry, and each finds the other's there.
  const mirrorUrl = `${spec.tls === 'none' ? 'http' : 'https'}://${hostForClients}/`;
  const upstreamHost = isDockerHub ? 'docker.io' : new URL(spec.proxy.remoteUrl).host;
  const example = isDockerHub ? 'library/alpine:latest' : 'team/app:1';
  const pullByName = `docker pull ${hostForClients}/${example}`;
  const podmanSnippet = [
    '[[registry]]',
    `prefix = "${upstreamHost}"`,
    `location = "${upstreamHost}"`,
    '',
    '[[registry.mirror]]',
    `location = "${hostForClients}"`,
    ...(spec.tls === 'none' ? ['insecure = true'] : []),
    '',
  ].join('\n');
  const explanation = isDockerHub
    ? `Docker uses registry-mirrors for Docker Hub images only: once ${mirrorUrl} is in daemon.json's registry-mirrors and dockerd has reloaded it, pulls of docker.io images (alpine, library/…, team/app on Docker Hub) go to ${spec.name} first, and to Docker Hub when it does not answer. Pushes and logins still go to Docker Hub.`
    : `Docker uses registry-mirrors for Docker Hub images only, and ${spec.name} caches ${spec.proxy.remoteUrl}: Docker would never ask it for ${upstreamHost} images. Pull through it by its own name instead: ${pullByName} fetches ${upstreamHost}/${example} and keeps it.`;
  return {
    server: spec.name,
    mirrorUrl,
    isDockerHub,
    upstreamHost,
    example,
    explanation,
    pullByName,
    podmanSnippet,
    podmanFile: (await locateRegistriesConf()).main,
  };
}
