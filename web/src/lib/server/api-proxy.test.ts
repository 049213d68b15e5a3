import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardRequestHeaders, forwardResponseHeaders, isApiPath, proxyToApi } from './api-proxy';

const from = { clientAddress: '203.0.113.7', url: new URL('https://panhuo.example/api/x') };

describe('isApiPath', () => {
  it('matches /api and below only', () => {
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/api/healthz')).toBe(true);
    expect(isApiPath('/apis')).toBe(false);
    expect(isApiPath('/resource-library')).toBe(false);
  });
});

describe('forwardRequestHeaders', () => {
  it('keeps end-to-end headers and drops hop-by-hop, host, expect and spoofed forwarding headers', () => {
    const incoming = new Headers({
      cookie: 'sid=abc',
      authorization: 'Bearer t',
      'content-type': 'application/json',
      'content-length': '12',
      origin: 'https://panhuo.example',
      host: 'panhuo.example',
      connection: 'keep-alive, x-private-hop',
      'keep-alive': 'timeout=5',
      'x-private-hop': 'secret',
      'transfer-encoding': 'chunked',
      te: 'trailers',
      upgrade: 'websocket',
      'proxy-authorization': 'Basic xyz',
      expect: '100-continue',
      'accept-encoding': 'gzip, br',
      'x-forwarded-for': '10.0.0.1',
    });
    const headers = forwardRequestHeaders(incoming, from);
    expect(Object.fromEntries(headers)).toEqual({
      cookie: 'sid=abc',
      authorization: 'Bearer t',
      'content-type': 'application/json',
      'content-length': '12',
      origin: 'https://panhuo.example',
      'accept-encoding': 'identity',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-host': 'panhuo.example',
      'x-forwarded-proto': 'https',
    });
  });
});

describe('forwardResponseHeaders', () => {
  it('keeps each Set-Cookie separately and drops hop-by-hop headers', () => {
    const upstream = new Headers();
    upstream.append('set-cookie', 'sid=1; Path=/; HttpOnly');
    upstream.append('set-cookie', 'csrf=2; Path=/');
    upstream.set('content-type', 'application/json');
    upstream.set('content-length', '42');
    upstream.set('connection', 'close');
    upstream.set('keep-alive', 'timeout=5');
    upstream.set('transfer-encoding', 'chunked');
    const headers = forwardResponseHeaders(upstream);
    expect(headers.getSetCookie()).toEqual(['sid=1; Path=/; HttpOnly', 'csrf=2; Path=/']);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('content-length')).toBe('42');
    expect(headers.has('connection')).toBe(false);
    expect(headers.has('keep-alive')).toBe(false);
    expect(headers.has('transfer-encoding')).toBe(false);
  });

  it('drops encoding and length once fetch has decoded the body', () => {
    const headers = forwardResponseHeaders(
      new Headers({ 'content-encoding': 'gzip', 'content-length': '20', 'content-type': 'text/plain' }),
    );
    expect(Object.fromEntries(headers)).toEqual({ 'content-type': 'text/plain' });
  });
});

describe('proxyToApi against a real HTTP server', () => {
  let server: Server;
  let apiUrl = '';
  let seen: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string } = {};

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      seen = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      if (req.url === '/api/redirect') {
        res.writeHead(302, { location: '/api/elsewhere' }).end();
      } else if (req.url === '/api/gzipped') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': 'gzip' });
        res.end(gzipSync('压缩的正文'));
      } else {
        res.setHeader('set-cookie', ['sid=new; Path=/; HttpOnly', 'theme=calm; Path=/']);
        res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
        res.end(JSON.stringify({ created: true }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('forwards method, path, query, cookie and a streamed body, and returns status, cookies and body', async () => {
    const url = new URL('http://web.local/api/experts?page=2');
    const payload = JSON.stringify({ name: '张三' });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(payload);
        controller.enqueue(bytes.slice(0, 5));
        controller.enqueue(bytes.slice(5));
        controller.close();
      },
    });
    const request = new Request(url, {
      method: 'POST',
      headers: {
        cookie: 'sid=old',
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(payload)),
        connection: 'keep-alive',
      },
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });

    const response = await proxyToApi(request, { apiUrl, url, clientAddress: '198.51.100.4' });

    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/api/experts?page=2');
    expect(seen.body).toBe(payload);
    expect(seen.headers?.cookie).toBe('sid=old');
    expect(seen.headers?.['content-length']).toBe(String(Buffer.byteLength(payload)));
    expect(seen.headers?.['x-forwarded-for']).toBe('198.51.100.4');
    expect(seen.headers?.['x-forwarded-host']).toBe('web.local');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r-1');
    expect(response.headers.getSetCookie()).toEqual(['sid=new; Path=/; HttpOnly', 'theme=calm; Path=/']);
    expect(await response.json()).toEqual({ created: true });
  });

  it('passes redirects back instead of following them', async () => {
    const url = new URL('http://web.local/api/redirect');
    const response = await proxyToApi(new Request(url), { apiUrl, url, clientAddress: '127.0.0.1' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/api/elsewhere');
  });

  it('returns a decoded body without a stale Content-Encoding', async () => {
    const url = new URL('http://web.local/api/gzipped');
    const response = await proxyToApi(new Request(url), { apiUrl, url, clientAddress: '127.0.0.1' });
    expect(seen.headers?.['accept-encoding']).toBe('identity');
    expect(response.headers.has('content-encoding')).toBe(false);
    expect(await response.text()).toBe('压缩的正文');
  });

  it('answers 502 dependency_unavailable when nothing listens at API_URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const url = new URL('http://web.local/api/healthz');
    const response = await proxyToApi(new Request(url), { apiUrl: deadUrl, url, clientAddress: '127.0.0.1' });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: 'dependency_unavailable',
      message: 'API 服务暂时无法连接，请稍后重试',
    });
  });
});
