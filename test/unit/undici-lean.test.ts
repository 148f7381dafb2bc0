// The registry client and the engine client use undici's Agent and request without undici's index
// (registry/undici.ts): the modules they name must exist in the installed undici and behave as its
// `request(url, { dispatcher })` does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgent, undiciRequest } from '../../electron/core/registry/index.js';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url, body, header: req.headers['x-test'] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("undici's Agent and request without its index", () => {
  it('sends GET by default, with the path and query of the URL, through the given agent', async () => {
    const agent = newAgent({ connections: 1 });
    try {
      const response = await undiciRequest(new URL(`${origin}/v2/a/tags/list?n=5&last=b`), {
        dispatcher: agent,
        headers: { 'x-test': 'yes' },
      });
      expect(response.statusCode).toBe(200);
      expect(await response.body.json()).toEqual({
        method: 'GET',
        url: '/v2/a/tags/list?n=5&last=b',
        body: '',
        header: 'yes',
      });
    } finally {
      await agent.close();
    }
  });

  it('sends PUT for a body without a method, and the method given otherwise', async () => {
    const agent = newAgent({});
    try {
      const put = await undiciRequest(`${origin}/upload`, { dispatcher: agent, body: 'bytes' });
      expect(await put.body.json()).toMatchObject({ method: 'PUT', url: '/upload', body: 'bytes' });
      const patch = await undiciRequest(`${origin}/upload`, {
        dispatcher: agent,
        method: 'PATCH',
        body: 'x',
      });
      expect(await patch.body.json()).toMatchObject({ method: 'PATCH', body: 'x' });
    } finally {
      await agent.close();
    }
  });
});
