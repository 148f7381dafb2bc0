// The registry kinds Berth knows, without the contract's schemas: the settings store reads a saved
// connection's kind on every command, and `berth inspect` must not build the contract's zod schemas for it.

export const REGISTRY_KINDS = [
  'dockerhub',
  'ghcr',
  'quay',
  'harbor',
  'gitlab',
  'aliyun',
  'tencent',
  'huawei',
  'distribution',
  'generic',
] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];
