import type { ImageLocation } from '../../../shared/location.js';
import { repositoryScope, type RegistryClient } from '../registry/index.js';

/** Deletes a manifest this copy pushed, ignoring every failure (deletion may be disabled). */
export async function deleteManifestQuietly(
  client: RegistryClient,
  { registry, repository, reference: digest }: ImageLocation,
): Promise<void> {
  try {
    const response = await client.send(registry, {
      method: 'DELETE',
      path: `/v2/${repository}/manifests/${digest}`,
      scopes: [repositoryScope(repository, 'delete')],
      what: `clean up ${repository}@${digest}`,
      accept: () => true,
    });
    await response.body.dump();
  } catch {
    // Nothing more to do: the manifest is untagged and garbage collection will take it.
  }
}
