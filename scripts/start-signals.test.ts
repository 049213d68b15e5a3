import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@elastic/elasticsearch';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteIndicesMatching } from '@panhuo/api/infra/elasticsearch';

// `npm start` as a terminal runs it: the real bootstrap.mjs and start.ts in a process group of their own,
// against the test stack's servers (given by URL, so start.ts starts and stops none of them), with a
// small seed. Ctrl-C is a SIGINT to that whole group; afterwards nothing it started may be left.
const root = join(import.meta.dirname, '..');
const suffix = `${process.pid}`;
const database = `t_start_signals_${suffix}`;
const indexPrefix = `t-start-signals-${suffix}`;
const READY_TIMEOUT_MS = 200_000;

let launcher: ChildProcess | undefined;
let seen: number[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/** Every live process below `pid` (children, grandchildren …), found through /proc's parent links. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the name before it may hold spaces, so cut after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0 until its parent reaps it; it runs nothing any more.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

afterAll(async () => {
  // A failed run must not leave servers behind.
  for (const pid of [launcher?.pid, ...seen])
    if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
  const mongo = new MongoClient(process.env.MONGODB_URI ?? '', { serverSelectionTimeoutMS: 10_000 });
  await mongo.db(database).dropDatabase();
  await mongo.close();
  const es = new Client({ node: process.env.ELASTICSEARCH_URL });
  await deleteIndicesMatching(es, `${indexPrefix}-*`);
  await es.close();
});

describe('npm start and Ctrl-C', () => {
  it('a SIGINT to its process group stops the web server, api and worker, then start.ts, then the launcher', async () => {
    const [webPort, apiPort] = [await freePort(), await freePort()];
    launcher = spawn(process.execPath, [join(root, 'scripts', 'bootstrap.mjs'), 'start'], {
      cwd: root,
      detached: true, // its own process group, like a terminal's foreground job
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MONGODB_DB: database,
        ES_INDEX_PREFIX: indexPrefix,
        SEED_COUNT: '30',
        WEB_PORT: String(webPort),
        API_PORT: String(apiPort),
        PANHUO_LOG_DIR: join(root, '.stack', 'test', 'logs', 'start-signals'),
      },
    });
    let output = '';
    launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => launcher?.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (
      !output.includes('Ctrl-C stops everything') &&
      launcher.exitCode === null &&
      Date.now() < deadline
    ) {
      await sleep(200);
    }
    expect(output, output).toContain('Ctrl-C stops everything');
    expect(output).toContain('(web: production build)');
    const page = await fetch(`http://127.0.0.1:${webPort}/login`);
    expect(page.status).toBe(200);

    const pid = launcher.pid ?? 0;
    seen = descendants(pid);
    // start.ts; api and worker (tsx and the script's node each); the web server.
    expect(seen.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(6);

    process.kill(-pid, 'SIGINT');
    const code = await Promise.race([exited, sleep(60_000).then(() => 'timeout')]);
    expect(code, output).toBe(0);
    const stopped = output.slice(output.indexOf('stopping api, worker and web'));
    expect(stopped).toMatch(
      /stopping api, worker and web…\n\[start\] stopping the dev stack…\n\[start\] stopped\.\n/,
    );
    expect(seen.filter(alive)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${webPort}/login`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${apiPort}/api/healthz`)).rejects.toThrow();
  });
});
