// Small numeric helpers shared by the benchmarks: latency summaries, machine load sampling, tables.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Latency distribution of one series, in milliseconds. */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Rounds to `digits` decimals (for printing and for JSON that stays readable). */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Nearest-rank percentile (`p` in 0..100) of ascending-sorted samples; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** Median of unsorted samples. */
export function median(samples: readonly number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
}

/** Arithmetic mean; NaN when empty. */
export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((sum, x) => sum + x, 0) / samples.length;
}

/** Summarizes latency samples (ms), rounded to 0.1 ms. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: round(sorted[0] ?? Number.NaN),
    mean: round(mean(sorted)),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Machine load seen while a benchmark ran. */
export interface LoadSummary {
  /** 1-minute load average: mean and max of samples taken every 2 s, and at the end. */
  load1Mean: number;
  load1Max: number;
  load1End: number;
  /** Share of all cores busy over the phase, from /proc/stat (NaN where unavailable). */
  cpuBusyPct: number;
  /** CPU time of this process (the API and the clients run here), as % of one core. */
  benchProcessCpuPct: number;
  seconds: number;
}

interface CpuTimes {
  busy: number;
  total: number;
}

function cpuTimes(): CpuTimes | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, x) => sum + x, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * Samples the 1-minute load average and CPU use while a phase runs, so every figure is reported with
 * the load it was measured under (other work may share the machine).
 */
export class LoadSampler {
  private readonly samples: number[] = [loadavg()[0] ?? 0];
  private readonly cpuStart = cpuTimes();
  private readonly processStart = process.cpuUsage();
  private readonly started = performance.now();
  private readonly timer = setInterval(() => this.samples.push(loadavg()[0] ?? 0), 2000);

  /** Stops sampling and summarizes. */
  stop(): LoadSummary {
    clearInterval(this.timer);
    const end = loadavg()[0] ?? 0;
    this.samples.push(end);
    const seconds = (performance.now() - this.started) / 1000;
    const cpuEnd = cpuTimes();
    const cpuBusyPct =
      this.cpuStart && cpuEnd && cpuEnd.total > this.cpuStart.total
        ? (100 * (cpuEnd.busy - this.cpuStart.busy)) / (cpuEnd.total - this.cpuStart.total)
        : Number.NaN;
    const used = process.cpuUsage(this.processStart);
    return {
      load1Mean: round(mean(this.samples), 2),
      load1Max: round(Math.max(...this.samples), 2),
      load1End: round(end, 2),
      cpuBusyPct: round(cpuBusyPct),
      benchProcessCpuPct: round(seconds > 0 ? (used.user + used.system) / 1e4 / seconds : 0),
      seconds: round(seconds),
    };
  }
}

/** One line describing a LoadSummary. */
export function describeLoad(load: LoadSummary): string {
  return (
    `load1 mean ${load.load1Mean} / max ${load.load1Max}, CPU busy ${load.cpuBusyPct}% of all cores, ` +
    `bench process ${load.benchProcessCpuPct}% of a core, ${load.seconds} s`
  );
}

/** Formats rows as an aligned text table; the first row is the header. */
export function formatTable(rows: readonly (readonly (string | number)[])[]): string {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  // East Asian characters take two columns in a terminal.
  const width = (s: string) =>
    [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths: number[] = [];
  for (const row of text) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - width(cell)))
      .join('  ')
      .trimEnd();
  const [header, ...body] = text;
  if (!header) return '';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
