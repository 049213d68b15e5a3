import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configKeys } from '@panhuo/api/config';

const root = join(import.meta.dirname, '..');

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string; target?: string };
  environment?: Record<string, string>;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (['node_modules', '.svelte-kit', 'build'].includes(name)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** Environment variables a workspace's runtime code reads, found in the source (not in a list to keep). */
function envReads(workspace: string): string[] {
  const names = new Set<string>();
  for (const file of sourceFiles(join(root, workspace))) {
    // Command-line tools (cli.ts) run by hand with npm's environment, and test fixtures, are not services.
    if (relative(root, file).includes('/test/') || /(vitest\.config|\/cli|fixtures)\.ts$/.test(file))
      continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]!);
    if (text.includes("'$env/dynamic/private'") || text.includes("'$env/static/private'")) {
      for (const match of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]!);
    }
  }
  return [...names].sort();
}

describe('docker-compose.yml', () => {
  it('has every production service, each with a healthcheck', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'api',
      'elasticsearch',
      'embeddings',
      'mailpit',
      'mongodb',
      'web',
      'worker',
    ]);
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck, `${name} healthcheck`).toBeDefined();
    }
  });

  it('runs MongoDB as a replica set and Elasticsearch with the smartcn plugin', () => {
    expect(JSON.stringify(compose.services.mongodb)).toContain('--replSet');
    const esDockerfile = readFileSync(join(root, 'docker/elasticsearch/Dockerfile'), 'utf8');
    expect(esDockerfile).toMatch(/elasticsearch:9\.\d+\.\d+/);
    expect(esDockerfile).toContain('analysis-smartcn');
  });

  it('gives api and worker every variable the config schema reads', () => {
    for (const name of ['api', 'worker']) {
      const env = compose.services[name]?.environment ?? {};
      const missing = configKeys.filter((key) => !(key in env));
      expect(missing, `${name} is missing`).toEqual([]);
      expect(env.MONGODB_URI).toContain('replicaSet=rs0');
      expect(env.ELASTICSEARCH_URL).toBe('http://elasticsearch:9200');
    }
  });

  it('wires every environment variable the server code reads', () => {
    const wired = (name: string) => Object.keys(compose.services[name]?.environment ?? {});
    for (const [workspace, services] of [
      ['api/src', ['api']],
      ['indexer/src', ['worker']],
      ['jobs/src', ['worker']],
      ['web/src', ['web']],
    ] as const) {
      for (const service of services) {
        const missing = envReads(workspace).filter((key) => !wired(service).includes(key));
        expect(missing, `${workspace} reads, ${service} lacks`).toEqual([]);
      }
    }
  });

  it('builds each Node service from a target that exists, and waits for healthy dependencies', () => {
    const dockerfile = readFileSync(join(root, 'docker/node.Dockerfile'), 'utf8');
    for (const name of ['api', 'worker', 'web']) {
      const build = compose.services[name]?.build;
      expect(typeof build === 'object' && build.target).toBe(name);
      expect(dockerfile).toMatch(new RegExp(`^FROM .* AS ${name}$`, 'm'));
    }
    for (const name of ['api', 'worker']) {
      for (const dep of ['mongodb', 'elasticsearch', 'mailpit']) {
        expect(compose.services[name]?.depends_on?.[dep]?.condition).toBe('service_healthy');
      }
    }
    expect(compose.services.web?.environment?.API_URL).toBe('http://api:3001');
    // Production serves the web through web/server.js, as npm start does (not adapter-node's build/index.js).
    const webStage = dockerfile.slice(dockerfile.search(/^FROM .* AS web$/m));
    expect(webStage).toContain('COPY --from=web-build /app/web/server.js ./server.js');
    expect(webStage).toMatch(/^CMD \["node", "server\.js"\]$/m);
  });

  it('keeps data in named volumes', () => {
    expect(compose.services.mongodb?.volumes).toContain('mongodb-data:/data/db');
    expect(compose.services.elasticsearch?.volumes).toContain('es-data:/usr/share/elasticsearch/data');
    expect(Object.keys(compose.volumes).sort()).toEqual(['es-data', 'mongodb-data']);
  });
});
