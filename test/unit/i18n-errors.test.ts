// describeError over plain ErrorInfo data: an error in the interface language by its code, problem and
// facts; the English as it came when no translation fits (after a lead in the interface language), and
// the error's own words unchanged in English.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_HINTS, type ErrorInfo } from '../../shared/errors.js';
import { describeError } from '../../renderer/i18n/errors.js';
import { chineseT, englishT } from '../fixtures/i18n.js';

const zh = chineseT();
const en = englishT();

const refused: ErrorInfo = {
  code: 'NETWORK',
  message: '127.0.0.1:5000: connection refused',
  hint: 'Nothing listens there: is the registry running, and is the port right?',
  registry: '127.0.0.1:5000',
  problem: 'refused',
};

describe('an error in Chinese', () => {
  it('translates a refused connection by its problem, naming the registry', () => {
    expect(describeError(zh, refused)).toEqual({
      message: '127.0.0.1:5000：连接被拒绝',
      hint: '该地址没有服务在监听：镜像仓库是否在运行？端口是否正确？',
    });
  });

  it('translates each TLS problem, with the facts it needs', () => {
    const tls = (problem: string, params?: ErrorInfo['params']): ErrorInfo => ({
      code: 'TLS',
      message: 'english',
      hint: 'english hint',
      registry: 'registry.lan',
      problem,
      ...(params ? { params } : {}),
    });
    expect(describeError(zh, tls('unknown-ca')).message).toBe('registry.lan：TLS 证书由未知的颁发机构签发');
    expect(describeError(zh, tls('expired')).message).toBe('registry.lan：TLS 证书已过期或尚未生效');
    expect(describeError(zh, tls('not-https')).message).toBe('registry.lan 使用明文 HTTP，而不是 HTTPS');
    expect(describeError(zh, tls('https-only')).hint).toBe('关闭此连接的明文 HTTP。');
    expect(describeError(zh, tls('hostname', { hostname: 'other.lan' })).message).toBe(
      'registry.lan：TLS 证书对 other.lan 无效',
    );
    // Without the name it is about, the sentence does not fit: the lead and the English instead.
    expect(describeError(zh, tls('hostname'))).toMatchObject({
      lead: 'TLS 安全连接失败。',
      detail: 'english',
    });
  });

  it('translates a refused login and quotes what the registry said', () => {
    const rejected: ErrorInfo = {
      code: 'AUTH',
      message: 'r.example: the username or password was refused — unauthorized',
      hint: 'Check the username and password (or access token) of the connection, then try again.',
      registry: 'r.example',
      status: 401,
      problem: 'credentials-rejected',
      params: { said: 'unauthorized' },
    };
    expect(describeError(zh, rejected)).toEqual({
      message: 'r.example：用户名或密码被拒绝（镜像仓库返回：unauthorized）',
      lead: 'r.example：用户名或密码被拒绝',
      detail: 'unauthorized',
      isDetailQuoted: true,
      hint: '检查连接的用户名和密码（或访问令牌），然后重试。',
    });
  });

  it('says how long to wait when a registry limits requests', () => {
    const limited: ErrorInfo = {
      code: 'RATE_LIMITED',
      message: 'docker.io: too many requests',
      hint: 'x',
      registry: 'docker.io',
      status: 429,
      params: { retryAfter: 30 },
    };
    expect(describeError(zh, limited).hint).toBe(
      '镜像仓库正在限制请求频率。请在 30 秒后重试。登录通常可以提高 Docker Hub 的限额。',
    );
    const { params: _params, ...unknownWait } = limited;
    expect(describeError(zh, unknownWait).hint).toBe(
      '镜像仓库正在限制请求频率。登录通常可以提高 Docker Hub 的限额。',
    );
  });

  it('names a missing tag, repository or layer by the registry’s error code', () => {
    const notFound = (registryCodes: string[]): ErrorInfo => ({
      code: 'NOT_FOUND',
      message: 'gone',
      hint: 'x',
      registry: 'r.example',
      status: 404,
      registryCodes,
    });
    expect(describeError(zh, notFound(['MANIFEST_UNKNOWN'])).message).toBe('r.example：没有这个标签或镜像');
    expect(describeError(zh, notFound(['NAME_UNKNOWN'])).message).toBe('r.example：找不到仓库');
    expect(describeError(zh, notFound(['BLOB_UNKNOWN'])).message).toBe('r.example：镜像的某个层或配置缺失');
  });

  it('translates a server failure with its status, and a keychain problem', () => {
    const failed: ErrorInfo = { code: 'REGISTRY', message: 'x', registry: 'r.example', status: 503 };
    expect(describeError(zh, failed).message).toBe('r.example 出错（HTTP 503）');
    const locked: ErrorInfo = {
      code: 'KEYCHAIN',
      message: 'locked',
      problem: 'locked',
      params: { host: 'r.example' },
    };
    expect(describeError(zh, locked).message).toBe('系统钥匙串已锁定');
  });

  it('shows an untranslated error as a lead for its code plus the English, and a default hint translated', () => {
    const odd: ErrorInfo = {
      code: 'PROTOCOL',
      message: 'r.example: the answer was not JSON',
      hint: DEFAULT_APP_HINTS.PROTOCOL,
      registry: 'r.example',
    };
    expect(describeError(zh, odd)).toEqual({
      message: '服务器的响应不像容器镜像仓库。r.example: the answer was not JSON',
      lead: '服务器的响应不像容器镜像仓库。',
      detail: 'r.example: the answer was not JSON',
      hint: '服务器的响应不像容器镜像仓库。请检查连接的地址。',
    });
    // A hint of the source's own, with no translation, stays English and says so.
    expect(describeError(zh, { ...odd, hint: 'Ask the operator.' })).toMatchObject({
      hint: 'Ask the operator.',
      isHintEnglish: true,
    });
  });

  it('does not blame a registry for a failure that names none (the container engine)', () => {
    const engine = (code: ErrorInfo['code'], message: string): ErrorInfo => ({
      code,
      message,
      hint: 'Start it.',
    });
    expect(
      describeError(zh, engine('NETWORK', 'No container engine is running at unix:///x.sock')).lead,
    ).toBe('连接失败。');
    expect(describeError(zh, engine('DENIED', 'Permission denied opening unix:///x.sock')).lead).toBe(
      '没有执行此操作的权限。',
    );
    // With a registry, the lead still names it.
    expect(
      describeError(zh, { ...engine('NETWORK', 'r.example: odd'), registry: 'r.example', problem: 'unknown' })
        .lead,
    ).toBe('无法连接到镜像仓库。');
  });
});

describe('an error in English', () => {
  it('is its own words, as the CLI prints them', () => {
    expect(describeError(en, refused)).toEqual({ message: refused.message, hint: refused.hint });
    const bare: ErrorInfo = { code: 'CANCELLED', message: 'cancelled' };
    expect(describeError(en, bare)).toEqual({ message: 'cancelled' });
  });
});
