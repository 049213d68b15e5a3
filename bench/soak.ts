// The soak test as a benchmark: 12 signed-in clients of four enterprises, two universities and the
// operator (one of them sending hostile requests) on a mix of session reads, expert lists and details,
// search and writes read back, for --seconds (default 60), on the test profile's servers. Prints req/s,
// p50/p99 and the problem counts the test asserts to be zero.
//   npx tsx bench/soak.ts [--seconds 60]
import { parseArgs } from 'node:util';
import { startStack } from '@panhuo/stack/stack';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } });
const seconds = Number(values.seconds);
if (!Number.isInteger(seconds) || seconds < 5) throw new Error('--seconds takes a whole number ≥ 5');

Object.assign(process.env, await startStack('test', { log: (line) => console.log(`[stack] ${line}`) }), {
  LOG_LEVEL: 'silent',
});
// After the environment is set: the test app reads it when it starts.
const { startTestApp } = await import('../api/test/test-app');
const { buildSoakWorld, percentile, runSoak } = await import('../api/test/soak-world');

const app = await startTestApp('bench_soak');
try {
  const clients = await buildSoakWorld(app, 4);
  const report = await runSoak(clients, seconds);
  const ms = (p: number) => percentile(report.latenciesMs, p).toFixed(1);
  console.log(
    `soak: ${clients.length} clients, ${report.requests} steps (a write and its read-back are one) in ${seconds} s = ${(report.requests / seconds).toFixed(0)} steps/s; ` +
      `p50 ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms; 5xx ${report.serverErrors}, foreign data ${report.foreignData}, ` +
      `sessions lost ${report.sessionsLost}, other ${report.unexpected}`,
  );
  for (const sample of report.samples) console.log(`  ${sample}`);
} finally {
  await app.close();
}
