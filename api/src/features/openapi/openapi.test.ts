import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { createApp } from '../../app';
import { toOpenApiPath } from '../../http/route';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('openapi');
});
afterAll(() => app.close());

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method + path Express actually serves, found by walking the router (not the route list). */
function servedRoutes(router: Router): string[] {
  const found: string[] = [];
  const walk = (layers: Layer[]) => {
    for (const layer of layers) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          found.push(`${method} ${toOpenApiPath(layer.route.path)}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return found.sort();
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ openapi: '3.1.0', info: { title: expect.any(String) } });
  });

  it('documents exactly the routes Express serves', async () => {
    const served = servedRoutes(createApp(app.deps).router);
    const doc = (await app.request('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort();
    expect(served.length).toBeGreaterThan(1);
    expect(documented).toEqual(served);
  });

  it('states every pattern as a flag-free regex a client can apply', async () => {
    const text = JSON.stringify((await app.request('/api/openapi.json')).body);
    const patterns = [...text.matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g)].map(
      (m) => JSON.parse(m[1]!) as string,
    );
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/(?<!\\)\/[dgimsuvy]+$/);
      expect(() => new RegExp(pattern, 'u')).not.toThrow();
    }
  });

  it('documents the 实名认证 upload as multipart/form-data with a binary licence', async () => {
    const doc = (await app.request('/api/openapi.json')).body as OpenApiDocument;
    const content = doc.paths['/api/verifications']!.post!.requestBody!.content;
    expect(Object.keys(content)).toEqual(['multipart/form-data']);
    expect(content['multipart/form-data']!.schema.properties!.licence).toMatchObject({ format: 'binary' });
  });

  it('documents the statuses every route can answer: 431, 413 and 503, 429 where rate-limited', async () => {
    const doc = (await app.request('/api/openapi.json')).body as OpenApiDocument;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const statuses = Object.keys(operation.responses);
        expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['400', '413', '431', '503']));
        if (method !== 'get') expect(statuses, `${method} ${path}`).toContain('403');
      }
    }
    expect(Object.keys(doc.paths['/api/auth/login']!.post!.responses)).toContain('429');
    expect(Object.keys(doc.paths['/api/verifications']!.post!.responses)).toContain('429');
  });
});

interface OpenApiOperation {
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}
