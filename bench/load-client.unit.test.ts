import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadClient } from './load-client';

/** A real HTTP server answering as the app does (Content-Length), chunked, slowly, or by closing. */
let server: Server;
let port: number;
const connections = new Set<string>();

beforeAll(async () => {
  server = createServer((request, response) => {
    connections.add(`${request.socket.remotePort}`);
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      if (request.url === '/json') {
        const payload = JSON.stringify({ echo: JSON.parse(body || 'null'), method: request.method });
        response.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
        response.end(payload);
      } else if (request.url === '/chunked') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('première partie, ');
        setTimeout(() => response.end('seconde partie'), 5);
      } else if (request.url === '/refused') {
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ code: 'overloaded', message: 'busy' }));
      } else if (request.url === '/slow') {
        setTimeout(() => response.end('late'), 500);
      } else {
        request.socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the bench load generator client', () => {
  it('sends a JSON body and reads the status, headers and body of a Content-Length answer', async () => {
    const client = createLoadClient(port);
    try {
      const answer = await client.send('POST', '/json', { body: { note: 'été' } });
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.body)).toEqual({ echo: { note: 'été' }, method: 'POST' });
      expect(answer.headers['content-type']).toBe('application/json');
      expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(answer.code).toBeUndefined();
    } finally {
      client.close();
    }
  });

  it('reads a chunked answer whole', async () => {
    const client = createLoadClient(port);
    try {
      const answer = await client.send('GET', '/chunked');
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('première partie, seconde partie');
    } finally {
      client.close();
    }
  });

  it('keeps a connection alive for the next request instead of opening one per request', async () => {
    const client = createLoadClient(port);
    connections.clear();
    try {
      for (let n = 0; n < 5; n++) expect((await client.send('POST', '/json', { body: n })).status).toBe(201);
      expect(connections.size).toBe(1);
    } finally {
      client.close();
    }
  });

  it('answers a refusal with its machine-readable code', async () => {
    const client = createLoadClient(port);
    try {
      const answer = await client.send('POST', '/refused', { body: {} });
      expect(answer).toMatchObject({ status: 503, code: 'overloaded' });
    } finally {
      client.close();
    }
  });

  it('gives up after its timeout, and reports a connection the server closed', async () => {
    const client = createLoadClient(port);
    try {
      expect(await client.send('GET', '/slow', { timeoutMs: 50 })).toMatchObject({
        status: 0,
        code: 'client_timeout',
      });
      expect(await client.send('GET', '/hang-up')).toMatchObject({ status: 0, code: 'ECONNRESET' });
      // The client still works after both.
      expect((await client.send('POST', '/json', { body: 1 })).status).toBe(201);
    } finally {
      client.close();
    }
  });

  it('counts the latency from when the request was due, not from when it left', async () => {
    const client = createLoadClient(port);
    try {
      const dueAt = performance.now() - 1000;
      const answer = await client.send('POST', '/json', { body: 1, dueAt });
      expect(answer.ms).toBeGreaterThanOrEqual(1000);
    } finally {
      client.close();
    }
  });
});
