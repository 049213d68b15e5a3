import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@elastic/elasticsearch';
import express from 'express';
import helmet from 'helmet';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config';
import { authenticator, restoreUser } from './features/auth/passport';
import { attentionLibraryRoutes } from './features/attention-library/routes';
import { attentionSettingsRoutes } from './features/attention-settings/routes';
import { authRoutes } from './features/auth/routes';
import { digestRoutes } from './features/digest/routes';
import { evaluationRoutes } from './features/evaluations/routes';
import { expertRoutes } from './features/experts/routes';
import { healthRoutes } from './features/health/routes';
import { institutionFigureRoutes } from './features/institution-figures/routes';
import { intentRoutes } from './features/intents/routes';
import { openApiRoutes } from './features/openapi/routes';
import { operatorRoutes } from './features/operator/routes';
import { evaluationLibraryRoutes } from './features/evaluation-library/routes';
import { patentRoutes } from './features/patents/routes';
import { similarRoutes } from './features/similar/routes';
import { pushRoutes } from './features/pushes/routes';
import { registrationRoutes } from './features/registrations/routes';
import { universityImportRoutes } from './features/university-import/routes';
import { universityPortfolioRoutes } from './features/university-portfolios/routes';
import { resourceLibraryRoutes } from './features/resource-library/routes';
import { universityEvaluationRoutes } from './features/university-evaluations/routes';
import { csrfProtection } from './http/csrf';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { methodNotAllowed } from './http/method-not-allowed';
import { mountRoutes } from './http/route';
import type { RouteSpec } from './http/route';
import { createSessionMiddleware } from './http/session';

/** Everything a request may need, built once per process by main.ts (or by a test). */
export interface AppDeps {
  config: Config;
  logger: Logger;
  es: Client;
  mailer: Transporter;
}

const requestIdPattern = /^[A-Za-z0-9._-]{8,100}$/;

/** Every feature's routes, in one list: the OpenAPI document and the authorisation test read it. */
export function allRoutes(deps: AppDeps, registry: OpenAPIRegistry): RouteSpec[] {
  return [
    ...healthRoutes(deps),
    ...authRoutes(deps.config),
    ...expertRoutes(),
    ...evaluationRoutes(),
    ...patentRoutes(deps),
    ...similarRoutes(deps),
    ...resourceLibraryRoutes(deps),
    ...evaluationLibraryRoutes(deps),
    ...attentionSettingsRoutes(),
    ...attentionLibraryRoutes(deps),
    ...digestRoutes(deps),
    ...operatorRoutes(deps),
    ...pushRoutes(deps),
    ...registrationRoutes(deps),
    ...universityPortfolioRoutes(),
    ...universityImportRoutes(deps),
    ...intentRoutes(deps),
    ...universityEvaluationRoutes(),
    ...institutionFigureRoutes(deps),
    ...openApiRoutes(registry),
  ];
}

/** Builds the Express application. It does not listen and does not connect: main.ts does. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/api/healthz' },
    }),
  );
  // Every response, errors included: the API answers JSON (and a few downloads), never a page to render or
  // frame, so its policy allows nothing; helmet adds nosniff, Referrer-Policy, HSTS and the rest.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      frameguard: { action: 'deny' },
    }),
  );
  const registry = new OpenAPIRegistry();
  const routes = allRoutes(deps, registry);
  app.use(methodNotAllowed(routes));
  app.use(express.json({ limit: '1mb' }));
  // Sessions (MongoDB) → CSRF check of state-changing requests (before any account read, so forged
  // requests cost nothing) → the signed-in user, re-read by _id with its session epoch checked.
  app.use(createSessionMiddleware(deps.config));
  app.use(csrfProtection);
  app.use(authenticator.initialize());
  app.use(restoreUser);

  const router = express.Router();
  mountRoutes(router, registry, routes);
  app.use(router);
  // Every unknown path, under /api or not, answers the JSON 404 rather than Express's HTML page.
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/**
 * The HTTP server around the app. Headers may be up to 128 KB so that an over-long search in a URL
 * (10,000 Chinese characters are 90 KB percent-encoded) reaches validation and gets its field-level 400
 * instead of Node's bare 431.
 */
export function createHttpServer(deps: AppDeps): Server {
  const server = createServer({ maxHeaderSize: 128 * 1024 }, createApp(deps));
  // CONNECT never reaches Express; without this listener Node would close the socket unanswered.
  server.on('connect', (_req, socket: Duplex) => {
    const body = JSON.stringify({ error: 'method_not_allowed', message: '不支持的请求方法 CONNECT' });
    const headers = [
      'HTTP/1.1 405 Method Not Allowed',
      'Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Content-Security-Policy: default-src 'none';frame-ancestors 'none'",
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy: no-referrer',
      'Connection: close',
    ];
    socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return server;
}
