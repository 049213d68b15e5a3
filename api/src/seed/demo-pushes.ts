import { Types } from 'mongoose';
import { EnterpriseModel } from '../features/accounts/model';
import { PushModel } from '../features/pushes/model';
import { demoEnterprises } from './demo-accounts-data';

/** The demo rule push: 新能源汽车产业 (战略性新兴产业 5) patents registered in 2024, to every demo enterprise. */
export const DEMO_PUSH_NAME = '演示推送：新能源汽车产业（2024年登记入库）';
const DEMO_SEARCH = {
  filters: { strategicIndustries: ['5'], registeredAt: { from: '2024-01-01', to: '2024-12-31' } },
};
/** Stands for the platform operator as the demo push's author (the demo has no operator session to name). */
const DEMO_OPERATOR = new Types.ObjectId('000000000000000000000042');

/**
 * Demo data of 推送管理: one rule push, defined and confirmed as the operator would (a saved 资源库 search
 * and the demo enterprises), queued for the worker's push job, which runs it within seconds of `npm start`
 * through the same code as any push; the enterprises' 评价库 then hold those patents beside the ones the
 * evaluation demo (demo-evaluations.ts) placed there. Idempotent: a second start finds the push and adds
 * nothing; the job itself never adds an entry twice. Returns whether it queued one.
 */
export async function seedDemoPushes(): Promise<boolean> {
  if (await PushModel.findOne({ name: DEMO_PUSH_NAME }, { _id: 1 }).lean()) return false;
  const enterprises = await Promise.all(
    demoEnterprises.map((e) => EnterpriseModel.findOne({ name: e.name }, { _id: 1 }).lean()),
  );
  const enterpriseIds = enterprises.flatMap((e) => (e ? [e._id] : []));
  if (enterpriseIds.length === 0) return false;
  await PushModel.create({
    kind: 'rule',
    name: DEMO_PUSH_NAME,
    search: DEMO_SEARCH,
    enterpriseIds,
    status: 'queued',
    confirmedAt: new Date(),
    createdBy: DEMO_OPERATOR,
  });
  return true;
}
