// The shared lifecycle against real processes (small node scripts standing in for a server, with files
// under a temp folder), so it is proven without touching the running stacks.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, readPidFile } from '../process-control';
import { assertPortsFree, detachedService, probedStatus, spawnUntilReady, stopRecorded } from './lifecycle';
import type { DetachedServer } from './lifecycle';

const folder = mkdtempSync(join(tmpdir(), 'panhuo-lifecycle-'));
const spawned: number[] = [];
let serial = 0;

afterAll(() => {
  for (const pid of spawned) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

/** A stand-in server: `script` runs in node; it is ready once it has created its ready file. */
function fakeServer(overrides: Partial<DetachedServer> = {}): {
  server: DetachedServer;
  readyFile: string;
  command: (script: string) => { file: string; args: string[] };
} {
  const id = `${process.pid}-${++serial}`;
  const readyFile = join(folder, `${id}.ready`);
  const marker = `lifecycle-test-${id}`;
  const server: DetachedServer = {
    name: 'mailpit',
    paths: () => ({ pidFile: join(folder, `${id}.pid`), logFile: join(folder, `${id}.log`) }),
    marker,
    url: () => 'smtp://127.0.0.1:1',
    ready: async () => existsSync(readyFile),
    readiness: () => 'the ready file',
    startTimeoutMs: 10_000,
    stopGraceMs: 10_000,
    ...overrides,
  };
  const command = (script: string) => ({
    file: process.execPath,
    // The marker rides along as an argument, so the pidfile check finds it in the command line.
    args: ['-e', script.replaceAll('READY', JSON.stringify(readyFile)), marker],
  });
  return { server, readyFile, command };
}

const STAYS_UP = 'setInterval(() => {}, 1000);';
const BECOMES_READY = `setTimeout(() => require('node:fs').writeFileSync(READY, ''), 300); ${STAYS_UP}`;

async function spawnTracked(...args: Parameters<typeof spawnUntilReady>): Promise<number> {
  const pid = await spawnUntilReady(...args);
  spawned.push(pid);
  return pid;
}

describe('spawnUntilReady', () => {
  it('records the pid and resolves once the probe answers; status and stop go through the pidfile', async () => {
    const { server, command } = fakeServer();
    const pid = await spawnTracked(server, 'dev', command(BECOMES_READY));
    expect(readPidFile(server.paths('dev').pidFile)).toBe(pid);
    const service = detachedService(server, { install: async () => {}, launch: async () => {} });
    expect(await service.status('dev')).toEqual({
      up: true,
      pid,
      url: 'smtp://127.0.0.1:1',
      logFile: server.paths('dev').logFile,
    });

    await service.stop('dev');
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(server.paths('dev').pidFile)).toBe(false);
    expect(await service.status('dev')).toMatchObject({ up: false, pid: undefined });
  });

  it('fails at once with the log tail when the process exits, and removes the pidfile', async () => {
    const { server, command } = fakeServer();
    const { pidFile, logFile } = server.paths('dev');
    const startedAt = Date.now();
    await expect(
      spawnUntilReady(server, 'dev', command("console.log('bind: address in use'); process.exit(3);")),
    ).rejects.toThrow(
      `mailpit (dev profile): the process exited while waiting for the ready file. Log: ${logFile}\n` +
        '--- last lines of the log ---\nbind: address in use',
    );
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('gives up at the deadline, names what it waited for, and kills what it started', async () => {
    const { server, command } = fakeServer({ startTimeoutMs: 1_000 });
    const { pidFile } = server.paths('dev');
    const started = spawnUntilReady(server, 'dev', { ...command(STAYS_UP), what: 'a custom readiness' });
    const outcome = started.then(
      () => undefined,
      (error: unknown) => error,
    );
    let pid = readPidFile(pidFile);
    while (pid === undefined) {
      await sleep(20);
      pid = readPidFile(pidFile);
    }
    spawned.push(pid);
    expect(isAlive(pid)).toBe(true);
    expect(String(await outcome)).toContain(
      'mailpit (dev profile): not ready within 1 s (waited for a custom readiness)',
    );
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  });
});

describe('stopRecorded', () => {
  it('sends SIGKILL after the grace period to a process that ignores SIGTERM, and waits until it is gone', async () => {
    const { server, command } = fakeServer();
    const stubborn = `process.on('SIGTERM', () => {}); ${BECOMES_READY}`;
    const pid = await spawnTracked(server, 'dev', command(stubborn));
    const startedAt = Date.now();
    await stopRecorded(server, 'dev', 500);
    expect(isAlive(pid)).toBe(false);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(500);
  });

  it('leaves alone a process whose command line lacks the marker (a reused pid) and drops the pidfile', async () => {
    const { server, command } = fakeServer();
    const pid = await spawnTracked(server, 'dev', command(BECOMES_READY));
    const stranger: DetachedServer = { ...server, marker: 'some-other-program' };
    await stopRecorded(stranger, 'dev', 500);
    expect(isAlive(pid)).toBe(true);
    expect(existsSync(server.paths('dev').pidFile)).toBe(false);
  });
});

describe('detachedService start', () => {
  it('launches when nothing runs, reuses a ready instance, and waits for one still starting', async () => {
    const { server, readyFile, command } = fakeServer();
    const lines: string[] = [];
    const log = (line: string): void => void lines.push(line);
    let launches = 0;
    const service = detachedService(server, {
      install: async () => {},
      launch: async (profile) => {
        launches++;
        await spawnTracked(server, profile, command(BECOMES_READY));
      },
      announceWait: true,
    });

    await service.start('dev', log);
    expect(launches).toBe(1);
    const pid = readPidFile(server.paths('dev').pidFile);
    await service.start('dev', log);
    expect(launches).toBe(1);
    expect(lines).toEqual([`[dev] mailpit: already running (pid ${pid})`]);

    // Running but not ready (yet): start waits for the probe instead of launching a second one.
    rmSync(readyFile);
    setTimeout(() => writeFileSync(readyFile, ''), 400);
    await service.start('dev', log);
    expect(launches).toBe(1);
    expect(lines[1]).toBe(`[dev] mailpit: running (pid ${pid}) but not ready yet; waiting…`);
    expect(existsSync(readyFile)).toBe(true);
    await service.stop('dev');
  });
});

describe('assertPortsFree', () => {
  it('refuses a port another program listens on, naming it and the log', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      await expect(assertPortsFree('ferretdb', 'dev', [port], '/x/ferretdb.log')).rejects.toThrow(
        `ferretdb (dev profile): port ${port} is already in use by another program. Log: /x/ferretdb.log`,
      );
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
    await expect(assertPortsFree('ferretdb', 'dev', [port], '/x/ferretdb.log')).resolves.toBeUndefined();
  });
});

describe('probedStatus', () => {
  it('asks the probe only when there is a pid', async () => {
    let asked = 0;
    const probe = async (): Promise<boolean> => (asked++, true);
    const where = { url: 'u', logFile: 'l' };
    expect(await probedStatus(undefined, probe, where)).toEqual({ up: false, pid: undefined, ...where });
    expect(asked).toBe(0);
    expect(await probedStatus(42, probe, where)).toEqual({ up: true, pid: 42, ...where });
    expect(asked).toBe(1);
  });
});
