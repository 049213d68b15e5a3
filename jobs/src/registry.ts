import type { JobDefinition } from './job';
import { digestBatchJob } from './jobs/digest-batch';
import { digestRunJob } from './jobs/digest-run';
import { embedPatentsJob } from './jobs/embed-patents';
import { intentMailTailJob } from './jobs/intent-mail-tail';
import { purgeOutboxJob } from './jobs/purge-outbox';
import { pushPatentsJob } from './jobs/push-patents';

/**
 * Every job the worker defines, in one list: main.ts defines and schedules exactly these, and the tests
 * check each repeating one is scheduled in China time. Add a job here and nowhere else.
 */
export const jobs: JobDefinition[] = [
  purgeOutboxJob,
  pushPatentsJob,
  digestRunJob,
  digestBatchJob,
  intentMailTailJob,
  embedPatentsJob,
];
