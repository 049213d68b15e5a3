import { describe, expect, it } from 'vitest';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { buildPatent } from '../../test/factories';
import { useTestDatabaseAndIndex } from '../../test/test-database';
import { EnterpriseModel } from '../features/accounts/model';
import { PatentModel } from '../features/patents/model';
import type { PatentDoc } from '../features/patents/model';
import { loadLibrariesOf } from '../features/pushes/entries';
import { PushModel } from '../features/pushes/model';
import { runPendingPushes } from '../features/pushes/service';
import { indexNames } from '../infra/elasticsearch';
import { demoEnterprises } from './demo-accounts-data';
import { DEMO_PUSH_NAME, seedDemoPushes } from './demo-pushes';

const { config, es } = useTestDatabaseAndIndex('demo_pushes');

describe('the demo push', () => {
  it('queues one rule push to the demo enterprises, once; the push job fills their 评价库 from it', async () => {
    const enterprises = await EnterpriseModel.insertMany(demoEnterprises.map((e) => ({ name: e.name })));
    await ensurePatentIndex(es, config.ES_INDEX_PREFIX);
    const car = await buildPatent({
      strategicIndustries: ['5', '5.2'],
      registeredAt: new Date('2024-05-06T02:00:00Z'),
    });
    const older = await buildPatent({
      strategicIndustries: ['5'],
      registeredAt: new Date('2023-05-06T02:00:00Z'),
    });
    const water = await buildPatent({
      strategicIndustries: ['7'],
      registeredAt: new Date('2024-05-06T02:00:00Z'),
    });
    await syncOnce(es, config.ES_INDEX_PREFIX, { refresh: true });

    expect(await seedDemoPushes()).toBe(true);
    expect(await seedDemoPushes()).toBe(false);
    const pushes = await PushModel.find({ name: DEMO_PUSH_NAME }).lean();
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.status).toBe('queued');

    await runPendingPushes(es, indexNames(config.ES_INDEX_PREFIX).patents);
    // The library as stored: the patent's own pushes joined with its push entries.
    const entries = async (id: unknown) => {
      const stored = await PatentModel.findById(id, { pushes: 1 }).lean<PatentDoc>();
      const library = stored ? (await loadLibrariesOf([stored])).get(stored._id.toHexString()) : undefined;
      return (library?.pushes ?? []).map((p) => p.enterpriseId.toHexString());
    };
    expect((await entries(car._id)).sort()).toEqual(enterprises.map((e) => e._id.toHexString()).sort());
    expect(await entries(older._id)).toEqual([]);
    expect(await entries(water._id)).toEqual([]);
  });
});
