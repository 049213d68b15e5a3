import { describe, expect, it } from 'vitest';
import { orderedChecks, parseHealthReport } from './health';

describe('parseHealthReport', () => {
  it('keeps well-formed checks and drops malformed ones', () => {
    const report = parseHealthReport({
      status: 'degraded',
      checks: {
        smtp: { ok: false, latencyMs: 3001, error: 'timeout' },
        mongodb: { ok: true, latencyMs: 4 },
        broken: { ok: 'yes' },
      },
    });
    expect(report).toEqual({
      status: 'degraded',
      checks: { smtp: { ok: false, latencyMs: 3001, error: 'timeout' }, mongodb: { ok: true, latencyMs: 4 } },
    });
  });

  it('rejects bodies that are not a health report', () => {
    expect(parseHealthReport(null)).toBeNull();
    expect(parseHealthReport({ error: 'dependency_unavailable', message: 'x' })).toBeNull();
    expect(parseHealthReport({ status: 'fine', checks: {} })).toBeNull();
  });
});

describe('orderedChecks', () => {
  it('puts mongodb, elasticsearch, smtp first, then others by name', () => {
    const rows = orderedChecks({
      status: 'ok',
      checks: {
        zeta: { ok: true },
        smtp: { ok: true },
        alpha: { ok: true },
        mongodb: { ok: true },
        elasticsearch: { ok: true },
      },
    });
    expect(rows.map((row) => row.name)).toEqual(['mongodb', 'elasticsearch', 'smtp', 'alpha', 'zeta']);
    expect(rows[0]?.label).toBe('数据库（MongoDB）');
    expect(rows[3]?.label).toBe('alpha');
  });
});
