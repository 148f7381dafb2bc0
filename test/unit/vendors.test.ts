// The vendor API layer's pure parts: where a kind's API lives, which kind a re-checked connection keeps,
// and the API-description check the stand-ins rely on (a check that passed everything would make every
// "validated" count in the vendor tests meaningless).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectedKind } from '../../electron/core/api/connections.js';
import { defaultApiOrigin } from '../../electron/core/vendors/index.js';
import { ApiDescription } from '../fixtures/vendor-api/api-description.js';
import { tagRowOf } from '../../renderer/features/explorer/tag-rows.js';

describe('defaultApiOrigin', () => {
  const hub = 'https://hub.docker.com';
  it('puts Harbor and Quay beside the registry, scheme and port included', () => {
    expect(defaultApiOrigin('harbor', new URL('https://harbor.example.com:8443'), hub)?.href).toBe(
      'https://harbor.example.com:8443/',
    );
    expect(defaultApiOrigin('quay', new URL('http://127.0.0.1:5000'), hub)?.href).toBe(
      'http://127.0.0.1:5000/',
    );
  });
  it('sends GHCR to api.github.com and Docker Hub to Hub', () => {
    expect(defaultApiOrigin('ghcr', new URL('https://ghcr.io'), hub)?.href).toBe('https://api.github.com/');
    expect(defaultApiOrigin('dockerhub', new URL('https://registry-1.docker.io'), hub)?.href).toBe(
      'https://hub.docker.com/',
    );
  });
  it('finds GitLab on the instance the registry. host belongs to', () => {
    expect(defaultApiOrigin('gitlab', new URL('https://registry.gitlab.com'), hub)?.href).toBe(
      'https://gitlab.com/',
    );
    expect(defaultApiOrigin('gitlab', new URL('https://registry.example.com:5050'), hub)?.href).toBe(
      'https://example.com/',
    );
    // GitLab's same-domain set-up serves the registry on port 5050 beside the instance.
    expect(defaultApiOrigin('gitlab', new URL('https://gitlab.example.com:5050'), hub)?.href).toBe(
      'https://gitlab.example.com/',
    );
    expect(defaultApiOrigin('gitlab', new URL('https://gitlab.example.com:8443'), hub)?.href).toBe(
      'https://gitlab.example.com:8443/',
    );
  });
});

describe('detectedKind', () => {
  it('lets a probe name a kind where Berth knew none', () => {
    expect(detectedKind('generic', 'distribution')).toBe('distribution');
    expect(detectedKind('generic', 'harbor')).toBe('harbor');
    expect(detectedKind('distribution', 'harbor')).toBe('harbor');
  });
  it('keeps a chosen kind that also answers like plain Distribution', () => {
    expect(detectedKind('gitlab', 'distribution')).toBe('gitlab');
    expect(detectedKind('harbor', 'generic')).toBe('harbor');
    expect(detectedKind('quay', undefined)).toBe('quay');
  });
});

describe('ApiDescription', () => {
  let dir: string;
  let swagger: ApiDescription;
  let openapi: ApiDescription;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-api-description-'));
    await writeFile(
      join(dir, 'swagger.yaml'),
      [
        'swagger: "2.0"',
        'basePath: /api/v2.0',
        'paths:',
        '  /projects:',
        '    get:',
        '      responses:',
        '        "200":',
        '          description: ok',
        '          schema: { type: array, items: { $ref: "#/definitions/Project" } }',
        '  /projects/{project_name}/repositories/{repository_name}:',
        '    get:',
        '      responses:',
        '        "200": { $ref: "#/responses/Repository" }',
        '    delete:',
        '      responses:',
        '        "200": { description: deleted }',
        '  /projects/{project_name}/repositories/search:',
        '    get:',
        '      responses:',
        '        "200": { description: ok, schema: { type: array } }',
        'responses:',
        '  Repository:',
        '    description: one',
        '    schema: { $ref: "#/definitions/Repository" }',
        'definitions:',
        '  Project:',
        '    type: object',
        '    required: [name]',
        '    properties:',
        '      name: { type: string }',
        '      creation_time: { type: string, format: date-time }',
        '  Repository:',
        '    type: object',
        '    properties:',
        '      artifact_count: { type: integer, format: int64 }',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'openapi.json'),
      JSON.stringify({
        openapi: '3.0.3',
        servers: [{ url: 'https://api.example.com/v1' }],
        paths: {
          '/users/{user}/packages': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': {
                      schema: { type: 'array', items: { $ref: '#/components/schemas/Package' } },
                    },
                  },
                },
              },
            },
          },
        },
        components: {
          schemas: {
            Package: {
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string' }, description: { type: 'string', nullable: true } },
            },
          },
        },
      }),
    );
    swagger = await ApiDescription.load(join(dir, 'swagger.yaml'));
    openapi = await ApiDescription.load(join(dir, 'openapi.json'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('matches request paths under the base path, encoded segments as one parameter', () => {
    expect(swagger.operation('GET', '/api/v2.0/projects/team/repositories/a%252Fb')).toEqual({
      template: '/projects/{project_name}/repositories/{repository_name}',
      params: { project_name: 'team', repository_name: 'a%252Fb' },
    });
    expect(swagger.operation('GET', '/api/v2.0/projects/team/repositories/search')?.template).toBe(
      '/projects/{project_name}/repositories/search',
    );
    expect(swagger.operation('GET', '/projects')).toBeUndefined();
    expect(swagger.operation('POST', '/api/v2.0/projects')).toBeUndefined();
  });

  it('passes answers that conform, following $refs of responses and definitions', () => {
    expect(
      swagger.check('GET', '/api/v2.0/projects', 200, [
        { name: 'team', creation_time: '2026-12-01T10:00:00Z' },
      ]),
    ).toEqual([]);
    expect(
      swagger.check('GET', '/api/v2.0/projects/team/repositories/app', 200, { artifact_count: 3 }),
    ).toEqual([]);
    expect(swagger.check('DELETE', '/api/v2.0/projects/team/repositories/app', 200, undefined)).toEqual([]);
    expect(
      openapi.check('GET', '/v1/users/alice/packages', 200, [{ name: 'app', description: null }]),
    ).toEqual([]);
  });

  it('reports answers that do not conform, and statuses or operations the description lacks', () => {
    expect(
      swagger.check('GET', '/api/v2.0/projects', 200, [{ creation_time: 'yesterday' }]).join('\n'),
    ).toMatch(/name|date-time/);
    expect(
      swagger.check('GET', '/api/v2.0/projects/team/repositories/app', 200, { artifact_count: 'three' }),
    ).not.toEqual([]);
    expect(openapi.check('GET', '/v1/users/alice/packages', 200, [{ description: 'x' }])).not.toEqual([]);
    expect(swagger.check('GET', '/api/v2.0/projects', 404, [])).toEqual([
      'GET /projects: the description has no 404 answer',
    ]);
    expect(swagger.check('GET', '/api/v2.0/nothing', 200, {})[0]).toMatch(/no such operation/);
  });
});

describe("tagRowOf with a vendor's facts", () => {
  const summary = {
    tag: 'v1',
    state: 'ok' as const,
    digest: 'sha256:' + 'a'.repeat(64),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 10,
  };
  it('dates a row by when the vendor says the tag was pushed', () => {
    const row = tagRowOf(summary, new Map(), { pushedAt: '2026-12-01T10:00:00Z', digest: summary.digest });
    expect(row.pushedAt).toBe('2026-12-01T10:00:00Z');
  });
  it('drops the push date of a digest the tag no longer names (moved since the listing)', () => {
    const row = tagRowOf(summary, new Map(), {
      pushedAt: '2026-12-01T10:00:00Z',
      digest: 'sha256:' + 'b'.repeat(64),
    });
    expect(row.pushedAt).toBeUndefined();
  });
});
