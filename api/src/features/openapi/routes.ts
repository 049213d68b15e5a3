import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { route } from '../../http/route';
import { fixLeakedPatterns } from './portable-pattern';
import type { RouteSpec } from '../../http/route';

/** Builds the OpenAPI 3.1 document from every route registered so far. */
export function buildOpenApiDocument(registry: OpenAPIRegistry) {
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: '盘活行动 Panhuo API', version: '0.1.0', description: '专利转化平台接口' },
    servers: [{ url: '/' }],
  });
  // Whatever regex a schema uses, the document states a pattern clients can apply as it is.
  fixLeakedPatterns(document);
  return document;
}

/** Serves the document; it is generated on first request, after every route has been mounted. */
export function openApiRoutes(registry: OpenAPIRegistry): RouteSpec[] {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  return [
    route({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This OpenAPI 3.1 document',
      tags: ['system'],
      policy: { public: true, reason: 'the API description, needed by clients before they sign in' },
      responses: { 200: { description: 'OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
      handler: (_input, _req, res) => {
        document ??= buildOpenApiDocument(registry);
        res.json(document);
      },
    }),
  ];
}
