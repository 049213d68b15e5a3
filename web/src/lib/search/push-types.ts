/** The operator's 推送 as the API answers them (api/src/features/pushes/schema.ts). */

export type PushStatus = 'draft' | 'queued' | 'running' | 'done' | 'failed';

/** Per enterprise, what a push would do. */
export interface PushPreview {
  matched: number;
  pushable: number;
  enterprises: { enterpriseId: string; enterpriseName: string; receive: number; have: number }[];
}

export interface PushView {
  id: string;
  kind: 'rule' | 'manual';
  name: string;
  status: PushStatus;
  /** The saved search as the 资源库's query string. */
  query: string;
  enterpriseIds: string[];
  progress: { processed: number; total: number };
  counts: { added: number; patents: number };
  error: string | null;
  createdAt: string;
  confirmedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export type PushDetail = PushView & { preview: PushPreview | null };

export interface PushPage {
  rows: PushView[];
  total: number;
  page: number;
  size: number;
}

/** 推送状态, in the console's words. */
export const pushStatusLabels: Readonly<Record<PushStatus, string>> = {
  draft: '待确认',
  queued: '排队中',
  running: '推送中',
  done: '已完成',
  failed: '失败',
};

/** Percent done of a push's walk (0 before the job counted its patents). */
export function pushPercent(push: Pick<PushView, 'progress' | 'status'>): number {
  if (push.status === 'done') return 100;
  const { processed, total } = push.progress;
  return total > 0 ? Math.min(100, Math.floor((processed / total) * 100)) : 0;
}

/** The saved search of a definition form as the API's `search` body: lists for repeated keys. */
export function searchBodyOf(params: URLSearchParams): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    body[key] =
      values.length > 1 || !['q', 'validAtEnd2023', 'registeredFrom', 'registeredTo'].includes(key)
        ? values
        : (values[0] ?? '');
  }
  return body;
}
