import type { PageServerLoad } from './$types';
import { parseHealthReport, type HealthReport } from '$lib/health';
import { apiFetch } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  event.setHeaders({ 'cache-control': 'no-store' });
  // healthz may answer a degraded report with a non-2xx status; its body is the report either way.
  const result = await apiFetch<unknown>(event, '/api/healthz');
  const report: HealthReport | null = parseHealthReport(result.ok ? result.data : result.body);
  return {
    report,
    problem: report ? null : result.ok ? 'API 返回的状态报告格式无法识别。' : result.error.message,
    checkedAt: new Date().toISOString(),
  };
};
