/** One dependency's line in GET /api/healthz. */
export interface DependencyCheck {
  ok: boolean;
  latencyMs?: number;
  error?: string;
}

/** The body of GET /api/healthz. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, DependencyCheck>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a healthz body defensively (it may come from an older or newer API): returns null unless it has
 * a known status and a `checks` object; checks that are not objects with a boolean `ok` are dropped.
 */
export function parseHealthReport(body: unknown): HealthReport | null {
  if (!isRecord(body) || (body.status !== 'ok' && body.status !== 'degraded') || !isRecord(body.checks)) {
    return null;
  }
  const checks: Record<string, DependencyCheck> = {};
  for (const [name, value] of Object.entries(body.checks)) {
    if (!isRecord(value) || typeof value.ok !== 'boolean') continue;
    const check: DependencyCheck = { ok: value.ok };
    if (typeof value.latencyMs === 'number') check.latencyMs = value.latencyMs;
    if (typeof value.error === 'string') check.error = value.error;
    checks[name] = check;
  }
  return { status: body.status, checks };
}

/** Display names of the dependencies the API checks, in the order operators expect to read them. */
export const dependencyLabels: Record<string, string> = {
  mongodb: '数据库（MongoDB）',
  elasticsearch: '检索服务（Elasticsearch）',
  smtp: '邮件服务（SMTP）',
};

/** The report's checks, known dependencies first in a fixed order, then any others by name. */
export function orderedChecks(
  report: HealthReport,
): { name: string; label: string; check: DependencyCheck }[] {
  const known = Object.keys(dependencyLabels);
  const rank = (name: string) => (known.includes(name) ? known.indexOf(name) : known.length);
  return Object.entries(report.checks)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([name, check]) => ({ name, label: dependencyLabels[name] ?? name, check }));
}
