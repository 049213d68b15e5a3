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
        for (const method of Object.keys(layer.route.methods)) found.push(`${method} ${toOpenApiPath(layer.route.path)}`);
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
    const doc = (await app.request('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort();
    expect(served.length).toBeGreaterThan(1);
    expect(documented).toEqual(served);
  });
});
