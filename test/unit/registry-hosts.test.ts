// Cloud registries known by host name alone: each kind's real hosts, and look-alikes that are nobody's.
import { describe, expect, it } from 'vitest';
import { kindFromHost } from '../../shared/registry-hosts.js';

describe('kindFromHost', () => {
  it.each([
    ['docker.io', 'dockerhub'],
    ['registry-1.docker.io', 'dockerhub'],
    ['ghcr.io', 'ghcr'],
    ['quay.io', 'quay'],
    ['registry.gitlab.com', 'gitlab'],
    ['registry.cn-hangzhou.aliyuncs.com', 'aliyun'],
    ['registry-vpc.cn-shanghai.aliyuncs.com', 'aliyun'],
    ['registry-intl.ap-southeast-1.aliyuncs.com', 'aliyun'],
    ['registry-intl-vpc.eu-central-1.aliyuncs.com', 'aliyun'],
    ['myteam-registry.cn-hangzhou.cr.aliyuncs.com', 'aliyun'],
    ['myteam-registry-vpc.cn-beijing.cr.aliyuncs.com', 'aliyun'],
    ['ccr.ccs.tencentyun.com', 'tencent'],
    ['hkccr.ccs.tencentyun.com', 'tencent'],
    ['myteam.tencentcloudcr.com', 'tencent'],
    ['swr.cn-north-4.myhuaweicloud.com', 'huawei'],
    ['SWR.CN-EAST-3.MYHUAWEICLOUD.COM', 'huawei'],
    ['swr.ap-southeast-1.myhuaweicloud.com:443', 'huawei'],
  ])('%s is %s', (host, kind) => {
    expect(kindFromHost(host)).toBe(kind);
  });

  it.each([
    'registry.cn-hangzhou.aliyuncs.com.example.net',
    'evil-registry.cn-hangzhou.aliyuncs.com.attacker.io',
    'aliyuncs.com',
    'oss.cn-hangzhou.aliyuncs.com',
    'ccr.ccs.tencentyun.com.evil',
    'tencentcloudcr.com',
    'swr.myhuaweicloud.com',
    'obs.cn-north-4.myhuaweicloud.com',
    'gitlab.com',
    'harbor.example.com',
    '127.0.0.1:5000',
  ])('%s is none of them', (host) => {
    expect(kindFromHost(host)).toBeUndefined();
  });
});
