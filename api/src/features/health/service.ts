import type { Client } from '@elastic/elasticsearch';
import type { Transporter } from 'nodemailer';
import { pingElasticsearch } from '../../infra/elasticsearch';
import { pingMongo } from '../../infra/mongo';
import { pingSmtp } from '../../infra/mailer';

export interface DependencyCheck {
  ok: boolean;
  latencyMs?: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { mongodb: DependencyCheck; elasticsearch: DependencyCheck; smtp: DependencyCheck };
}

/** Runs `probe` but gives up after `timeoutMs`, so /healthz answers in bounded time even when a server hangs. */
async function check(probe: () => Promise<number>, timeoutMs: number): Promise<DependencyCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const latencyMs = await Promise.race([probe(), timeout]);
    return { ok: true, latencyMs };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Checks every dependency in parallel. */
export async function checkHealth(deps: { es: Client; mailer: Transporter; timeoutMs: number }): Promise<HealthReport> {
  const [mongodb, elasticsearch, smtp] = await Promise.all([
    check(() => pingMongo(deps.timeoutMs), deps.timeoutMs),
    check(() => pingElasticsearch(deps.es, deps.timeoutMs), deps.timeoutMs),
    check(() => pingSmtp(deps.mailer), deps.timeoutMs),
  ]);
  const status = mongodb.ok && elasticsearch.ok && smtp.ok ? 'ok' : 'degraded';
  return { status, checks: { mongodb, elasticsearch, smtp } };
}
