import type { RegistryKind } from './contract/connections.js';
import { isDockerHubHost } from './reference.js';

/**
 * Cloud registries known by their host names (a `host[:port]`, any case). Each pattern is anchored at
 * both ends, so `registry.cn-hangzhou.aliyuncs.com.example.net` is nobody's.
 * - Alibaba Cloud ACR: personal edition `registry[-vpc|-intl|-intl-vpc].<region>.aliyuncs.com`, enterprise
 *   edition `<instance>-registry[-vpc].<region>.cr.aliyuncs.com`.
 * - Tencent Cloud: personal edition (CCR) `ccr.ccs.tencentyun.com` and its regional `<xx>ccr.ccs.tencentyun.com`,
 *   enterprise edition (TCR) `<instance>.tencentcloudcr.com`.
 * - Huawei Cloud SWR: `swr.<region>.myhuaweicloud.com`.
 */
const HOST_PATTERNS: readonly [RegExp, RegistryKind][] = [
  [/^ghcr\.io$/, 'ghcr'],
  [/^quay\.io$/, 'quay'],
  [/^registry\.gitlab\.com$/, 'gitlab'],
  [/^registry(?:-intl)?(?:-vpc)?\.[a-z0-9-]+\.aliyuncs\.com$/, 'aliyun'],
  [/^[a-z0-9][a-z0-9-]*-registry(?:-vpc)?\.[a-z0-9-]+\.cr\.aliyuncs\.com$/, 'aliyun'],
  [/^(?:[a-z]{2,4})?ccr\.ccs\.tencentyun\.com$/, 'tencent'],
  [/^[a-z0-9][a-z0-9-]*\.tencentcloudcr\.com$/, 'tencent'],
  [/^swr\.[a-z0-9-]+\.myhuaweicloud\.com$/, 'huawei'],
];

/** The registries recognisable by name alone. */
export function kindFromHost(host: string): RegistryKind | undefined {
  const lower = host.trim().toLowerCase();
  if (isDockerHubHost(lower)) return 'dockerhub';
  const name = lower.replace(/:\d+$/, '');
  return HOST_PATTERNS.find(([pattern]) => pattern.test(name))?.[1];
}
