// Progress output for slow first-run work (downloads, builds): one line when a step starts, a heartbeat
// while steps run so a silent 60 s Go build does not look like a hang, and one line with the elapsed time.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Receives one human-readable progress line at a time. */
export type Log = (line: string) => void;

const HEARTBEAT_MS = 15_000;

/** Seconds elapsed since `startedAt` (a Date.now() value), rounded to one decimal. */
export function elapsedSeconds(startedAt: number): string {
  return ((Date.now() - startedAt) / 1000).toFixed(1);
}

interface RunningStep {
  label: string;
  startedAt: number;
  log: Log;
}

// Steps often overlap (Elasticsearch download, Maven and two Go builds at once): one heartbeat line lists
// them all instead of one line per step.
const runningSteps = new Set<RunningStep>();
let heartbeat: NodeJS.Timeout | undefined;

function shortLabel(label: string): string {
  return label.replace(/ \(.*\)$/, '');
}

function beat(): void {
  const steps = [...runningSteps];
  if (!steps[0]) return;
  const parts = steps.map(
    (running) => `${shortLabel(running.label)} (${Math.round((Date.now() - running.startedAt) / 1000)} s)`,
  );
  steps[0].log(`still working: ${parts.join('; ')}`);
}

/**
 * Runs one install/start step, logging `label…` at the start, `label: done in N s` at the end (or
 * `label: failed after N s`, then rethrows), and while any step runs a `still working` line every 15 s.
 */
export async function step<T>(log: Log, label: string, work: () => Promise<T>): Promise<T> {
  const running: RunningStep = { label, startedAt: Date.now(), log };
  log(`${label}…`);
  runningSteps.add(running);
  if (!heartbeat) {
    heartbeat = setInterval(beat, HEARTBEAT_MS);
    heartbeat.unref();
  }
  try {
    const result = await work();
    log(`${label}: done in ${elapsedSeconds(running.startedAt)} s`);
    return result;
  } catch (error) {
    log(`${label}: failed after ${elapsedSeconds(running.startedAt)} s`);
    throw error;
  } finally {
    runningSteps.delete(running);
    if (runningSteps.size === 0) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }
}

/**
 * A sha256 over the given files and folders under baseDir (recursively, in a stable order, names included). Install
 * stamps store it so that a changed plugin or wrapper source is rebuilt, and an unchanged one never is.
 */
export function fingerprint(baseDir: string, paths: readonly string[]): string {
  const hash = createHash('sha256');
  // Names are hashed relative to baseDir so that moving the checkout does not force a rebuild.
  const visit = (relPath: string): void => {
    const path = join(baseDir, relPath);
    if (!existsSync(path)) {
      hash.update(`missing:${relPath}\n`);
      return;
    }
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(relPath, entry));
      return;
    }
    hash.update(`file:${relPath}\n`);
    hash.update(readFileSync(path));
  };
  for (const path of paths) visit(path);
  return hash.digest('hex');
}

/** True when the stamp file exists and holds exactly `value`. */
export function stampMatches(stampFile: string, value: string): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === value;
}

/** Records that an install step completed for `value` (written last, so an interrupted step redoes itself). */
export function writeStamp(stampFile: string, value: string): void {
  writeFileSync(stampFile, `${value}\n`);
}
