// The parts of Berth's daemon.json check the differential test cannot reach with the dockerd 20.10 installed
// here: other releases' keys and types, a systemd command line, engines outside the table, repeated lists.
import { describe, expect, it } from 'vitest';
import {
  checkDockerdFile,
  flagsGiven,
  parseDaemonJson,
  planEdit,
} from '../../electron/core/daemon-config/index.js';
import { generation } from '../../electron/core/daemon-config/dockerd-keys.js';

const SYSTEMD = ['-H', 'fd://', '--containerd=/run/containerd/containerd.sock'];
const check = (value: unknown, version: string | undefined, commandLine: string[] | undefined = SYSTEMD) =>
  checkDockerdFile(typeof value === 'string' ? value : JSON.stringify(value), { version, commandLine });

describe("dockerd's command line", () => {
  it('reads long and short flags with and without values as pflag does', () => {
    const args = [
      '-H',
      'fd://',
      '--containerd=/run/c.sock',
      '-D',
      '--log-level',
      'warn',
      '-Gdocker',
      '--tls',
    ];
    expect([...flagsGiven(args, generation([20, 10]).flags)].sort()).toEqual([
      'containerd',
      'debug',
      'group',
      'host',
      'log-level',
      'tls',
    ]);
  });

  it('names the flag when a key is also set there (systemd passes -H and --containerd)', () => {
    const result = check({ hosts: ['tcp://127.0.0.1:2375'], containerd: '/x.sock', debug: true }, '24.0.7');
    expect(result.problems).toEqual([
      expect.stringMatching(/^"hosts" is also set on dockerd's command line \(-H\/--host\)/),
      expect.stringMatching(/^"containerd" is also set on dockerd's command line \(--containerd\)/),
    ]);
    // runtimes may be in both places: dockerd merges them.
    expect(check({ runtimes: {} }, '24.0.7', ['--add-runtime', 'x=/bin/x']).problems).toEqual([]);
  });

  it('refuses a key renamed in 28.0 next to its new name, or next to the flag', () => {
    const both = { 'host-gateway-ip': '10.0.0.1', 'host-gateway-ips': ['10.0.0.2'] };
    expect(check(both, '28.0.1', []).problems).toEqual([
      '"host-gateway-ip" and "host-gateway-ips" must not both be set: keep "host-gateway-ips"',
    ]);
    expect(
      check({ 'host-gateway-ip': '10.0.0.1' }, '28.0.1', ['--host-gateway-ip', '10.0.0.3']).problems,
    ).toEqual([
      expect.stringMatching(/^"host-gateway-ip" is also set on dockerd's command line \(--host-gateway-ip\)/),
    ]);
    expect(check(both, '27.5.1', []).problems).toEqual([
      '"host-gateway-ips" is not a setting dockerd 27.5 knows: it refuses to start',
    ]);
  });

  it('says it could not check flags when the command line is unknown', () => {
    const result = checkDockerdFile('{"hosts": ["unix:///x.sock"]}', { version: '20.10.24' });
    expect(result.problems).toEqual([]);
    expect(result.unchecked.join(' ')).toContain('command line');
  });
});

describe('keys and types by dockerd release', () => {
  it('knows keys added and removed after 20.10', () => {
    expect(check({ 'http-proxy': 'http://proxy:3128' }, '20.10.24+dfsg1').problems).toEqual([
      '"http-proxy" is not a setting dockerd 20.10 knows: it refuses to start',
    ]);
    expect(check({ 'http-proxy': 'http://proxy:3128' }, '23.0.1').problems).toEqual([]);
    expect(check({ 'cluster-store': 'consul://x' }, '23.0.1').problems).toEqual([]);
    expect(check({ 'cluster-store': 'consul://x' }, '24.0.0').problems).toHaveLength(1);
    expect(check({ 'allow-direct-routing': true }, '28.1.1').problems).toHaveLength(1);
    expect(check({ 'allow-direct-routing': true }, '28.2.0').problems).toEqual([]);
  });

  it('checks types that changed: dns holds IP addresses from 25.0', () => {
    expect(check({ dns: ['not-an-ip'] }, '20.10.24').problems).toEqual([
      'dns: "not-an-ip" is not an IP address',
    ]);
    expect(check({ dns: ['not-an-ip'] }, '29.1.0').problems).toEqual([
      'dns[0]: "not-an-ip" is not an IP address',
    ]);
    expect(check({ dns: ['1.1.1.1', '2606:4700::1111'] }, '29.1.0').problems).toEqual([]);
  });

  it('reports every wrong type with where it is and what dockerd expects', () => {
    expect(
      check(
        {
          debug: 'yes',
          mtu: 1500.5,
          'log-opts': { 'max-size': 10 },
          'default-ulimits': { nofile: { Hard: '1' } },
          builder: { GC: { Enabled: 'true' } },
        },
        '20.10.24',
      ).problems,
    ).toEqual([
      'debug: dockerd expects true or false, not a string',
      'mtu: dockerd expects a whole number, not 1500.5',
      'log-opts.max-size: dockerd expects a string, not a number',
      'default-ulimits.nofile.Hard: dockerd expects a whole number, not a string',
      'builder.GC.Enabled: dockerd expects true or false, not a string',
    ]);
  });

  it('takes a containerd shim name as the default runtime from 23.0 only', () => {
    const shim = { 'default-runtime': 'io.containerd.runsc.v1' };
    expect(check(shim, '20.10.24').problems).toEqual([
      'default-runtime: no runtime "io.containerd.runsc.v1" is defined',
    ]);
    expect(check(shim, '23.0.0').problems).toEqual([]);
  });

  it('leaves keys it does not know to an engine newer than its table, and says so', () => {
    const result = check({ 'some-future-key': 1, debug: true }, '31.0.0');
    expect(result.problems).toEqual([]);
    expect(result.unchecked.join(' ')).toMatch(/"some-future-key".*table/);
    expect(result.checkedAgainst).toBe('dockerd 29.7');
    // A known key's type is still checked.
    expect(check({ debug: 'no' }, '31.0.0').problems).toHaveLength(1);
  });

  it('leaves keys it does not know to dockerd on Windows, whose keys differ', () => {
    const result = checkDockerdFile('{"service-name": "docker", "debug": "no"}', {
      version: '24.0.7',
      os: 'windows',
    });
    expect(result.problems).toEqual(['debug: dockerd expects true or false, not a string']);
    expect(result.unchecked.join(' ')).toMatch(/Windows.*"service-name"/s);
  });

  it('says which version it assumed when the engine could not be asked', () => {
    const result = checkDockerdFile('{"debug": true}', {});
    expect(result.problems).toEqual([]);
    expect(result.unchecked[0]).toMatch(/could not ask it\): checked against dockerd 29\.7/);
  });

  it('refuses a blank file before 23.0, which reads one as {}', () => {
    expect(checkDockerdFile(' \n', { version: '20.10.24' }).problems).toEqual([
      'the file is empty, and dockerd 20.10 refuses to start on an empty daemon.json ("EOF"): write {} instead',
    ]);
    expect(checkDockerdFile('', { version: '23.0.0' }).problems).toEqual([]);
  });

  it('warns about keys dockerd accepts but ignores, and repeated keys', () => {
    const result = check('{"insecure-registry": ["a:5000"], "debug": true, "debug": false}', '20.10.24');
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual([
      '"debug" appears 2 times: dockerd uses the last one',
      '"insecure-registry" is the name of the command-line flag: dockerd 20.10 accepts it in the file but ignores it; the file\'s key is "insecure-registries"',
    ]);
  });
});

describe('a repeated registry list', () => {
  const text = '{\n  "insecure-registries": ["first:5000"],\n  "insecure-registries": ["last:5000"]\n}\n';

  it('is read as dockerd reads it: the last copy', () => {
    expect(parseDaemonJson('f', text).insecureRegistries).toEqual(['last:5000']);
  });

  it('is not edited, since the edit would land on a copy dockerd does not read', () => {
    const loaded = { file: 'f', exists: true, fingerprint: '', document: parseDaemonJson('f', text) };
    expect(() => planEdit(loaded, { action: 'add', key: 'insecure-registries', value: 'b:5000' })).toThrow(
      /"insecure-registries" more than once; dockerd reads only the last/,
    );
  });
});
