import { describe, expect, it } from 'vitest';
import {
  judgeDockerView,
  judgeRateLimit,
  parseTarget,
  type DockerViewInput,
} from '../../electron/core/doctor/index.js';

const plainHttp: DockerViewInput = {
  host: 'myregistry.test:5000',
  hostname: 'myregistry.test',
  isDockerHub: false,
  addresses: ['10.1.2.3'],
  speaks: 'http',
  daemon: { file: '/etc/docker/daemon.json', insecureRegistries: [], registryMirrors: [] },
};

function withInsecure(entries: string[], input: Partial<DockerViewInput> = {}): DockerViewInput {
  return { ...plainHttp, ...input, daemon: { ...plainHttp.daemon, insecureRegistries: entries } };
}

describe('what the Docker daemon will do with a host', () => {
  it('fails a plain HTTP registry whose insecure entry lacks the port, naming host:port to add', () => {
    const verdict = judgeDockerView(withInsecure(['myregistry.test']));
    expect(verdict.status).toBe('fail');
    expect(verdict.detail).toContain('the entry "myregistry.test" does not cover myregistry.test:5000');
    expect(verdict.fix).toMatchObject({ action: 'add-insecure', value: 'myregistry.test:5000' });
  });

  it('accepts an exact host:port entry, and an http:// prefix that dockerd strips', () => {
    expect(judgeDockerView(withInsecure(['myregistry.test:5000'])).status).toBe('ok');
    expect(judgeDockerView(withInsecure(['http://myregistry.test:5000'])).status).toBe('ok');
  });

  it('does not let an entry with another port cover the host', () => {
    expect(judgeDockerView(withInsecure(['myregistry.test:5001'])).status).toBe('fail');
  });

  it('covers the host through a CIDR entry that holds a resolved address', () => {
    const verdict = judgeDockerView(withInsecure(['10.1.0.0/16']));
    expect(verdict.status).toBe('ok');
    expect(verdict.detail).toContain('10.1.2.3 is in 10.1.0.0/16 (insecure-registries)');
    expect(judgeDockerView(withInsecure(['10.2.0.0/16'])).status).toBe('fail');
  });

  it('treats 127.0.0.0/8 and ::1 as always insecure', () => {
    expect(judgeDockerView(withInsecure([], { addresses: ['127.0.0.2'] })).status).toBe('ok');
    expect(judgeDockerView(withInsecure([], { addresses: ['::1'] })).status).toBe('ok');
  });

  it('needs a CA in certs.d for a secure HTTPS registry the system does not trust', () => {
    const verdict = judgeDockerView({ ...plainHttp, speaks: 'https', chain: [], trustedBySystem: false });
    expect(verdict.status).toBe('fail');
    expect(verdict.fix).toMatchObject({
      action: 'install-certs-d',
      value: '/etc/docker/certs.d/myregistry.test:5000',
    });
    const trusted = judgeDockerView({ ...plainHttp, speaks: 'https', trustedBySystem: true });
    expect(trusted.status).toBe('ok');
  });

  it('says Docker skips verification and certs.d for an insecure HTTPS registry', () => {
    const verdict = judgeDockerView(withInsecure(['myregistry.test:5000'], { speaks: 'https' }));
    expect(verdict.status).toBe('ok');
    expect(verdict.detail).toMatch(/will not verify the certificate .*certs\.d is not read/);
  });

  it('says mirrors apply to Docker Hub only', () => {
    const mirrors = { ...plainHttp.daemon, registryMirrors: ['https://mirror.test/'] };
    expect(
      judgeDockerView({
        ...withInsecure(['myregistry.test:5000']),
        daemon: { ...mirrors, insecureRegistries: ['myregistry.test:5000'] },
      }).detail,
    ).toContain('registry-mirrors apply to Docker Hub only');
    const hub = judgeDockerView({
      ...plainHttp,
      host: 'docker.io',
      hostname: 'registry-1.docker.io',
      isDockerHub: true,
      speaks: 'https',
      trustedBySystem: true,
      daemon: mirrors,
    });
    expect(hub.detail).toContain('pulls from Docker Hub try the mirrors first: https://mirror.test/');
  });
});

describe("Docker Hub's pull rate limit", () => {
  it('reports the pulls left', () => {
    const verdict = judgeRateLimit(
      { limit: 100, remaining: 76, windowSeconds: 21600, source: '1.2.3.4' },
      false,
    );
    expect(verdict).toMatchObject({
      status: 'ok',
      detail: '76 of 100 pulls left per 6 h (counted for 1.2.3.4)',
    });
    expect(verdict.said).toEqual([
      {
        key: 'doctor.said.ratePullsWindowSource',
        params: { remaining: 76, limit: 100, hours: 6, source: '1.2.3.4' },
      },
    ]);
  });

  it('warns when few are left and fails at none, suggesting a login when anonymous', () => {
    expect(judgeRateLimit({ limit: 100, remaining: 5 }, false)).toMatchObject({
      status: 'warn',
      fix: { action: 'login' },
    });
    expect(judgeRateLimit({ limit: 100, remaining: 0 }, false)).toMatchObject({
      status: 'fail',
      fix: { action: 'login' },
    });
    expect(judgeRateLimit({ limit: 200, remaining: 0 }, true).fix?.action).toBeUndefined();
  });

  it('is fine without rate-limit headers', () => {
    expect(judgeRateLimit(undefined, true).status).toBe('ok');
  });
});

describe('doctor targets', () => {
  it('reads host, port and scheme the way references name them', () => {
    expect(parseTarget('myregistry.test:5000')).toMatchObject({
      host: 'myregistry.test:5000',
      hostname: 'myregistry.test',
      port: 5000,
      scheme: 'https',
    });
    expect(parseTarget('http://10.0.0.1')).toMatchObject({ host: '10.0.0.1', port: 80, scheme: 'http' });
    expect(parseTarget('[::1]:5000')).toMatchObject({ hostname: '::1', port: 5000 });
    expect(parseTarget('index.docker.io')).toMatchObject({
      host: 'docker.io',
      hostname: 'registry-1.docker.io',
      port: 443,
      isDockerHub: true,
    });
    expect(() => parseTarget('myregistry.test:99999')).toThrow(/invalid port/);
  });
});
