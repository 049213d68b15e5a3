import type { ExpertStatus } from '@panhuo/domain/experts/status';
import { Types } from 'mongoose';
import { EnterpriseModel, UserModel } from '../features/accounts/model';
import type { EnterpriseDoc } from '../features/accounts/model';
import { hashPassword } from '../features/auth/password';
import {
  ExpertCertificateModel,
  ExpertModel,
  ExpertReviewModel,
  queueRankOf,
} from '../features/experts/model';
import { markRosterChanged } from '../features/experts/roster';
import { certificateNumber, chinaYear, issueCertificateOf } from '../features/experts/store';
import { isDuplicateKey } from '../infra/mongo';
import type { CertificateContent } from '../features/experts/store';
import { personName } from './person-names';
import { Rng } from './random';

/** The password of every bench expert. */
export const benchPassword = 'Bench2026pass';

let benchHash: Promise<string> | undefined;

const statuses: readonly ExpertStatus[] = ['pending_info', 'pending_review', 'approved', 'rejected'];
const fields = [
  { strategic: '1.5', economic: '39' },
  { strategic: '2.1', economic: '34' },
  { strategic: '3.6', economic: '26' },
  { strategic: '6.3', economic: '38' },
] as const;

/** Inserts documents in bulk, tolerating duplicates (a concurrent run); other failures propagate. */
async function insertAll(
  model: { collection: { insertMany: (docs: object[], options: object) => Promise<unknown> } },
  docs: object[],
): Promise<void> {
  if (docs.length === 0) return;
  try {
    await model.collection.insertMany(docs, { ordered: false });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * `n` experts in one enterprise for a benchmark, fast: one password hash computed once and shared (argon2
 * per account would take ~50 ms each), raw bulk inserts, statuses cycling through 待完善信息, 待审核, 已通过
 * (with its review and certificate) and 未通过 (with its review). Accounts are `bench<enterprise>_<i>`;
 * existing ones are skipped, so a rerun tops up. Certificate numbers continue the year's highest serial; any
 * number a concurrent approval took meanwhile is re-issued through the normal issuing path.
 */
export async function seedBenchExperts(
  enterpriseId: string | Types.ObjectId,
  n: number,
): Promise<{ created: number; accounts: string[]; password: string }> {
  const enterprise = await EnterpriseModel.findById(enterpriseId).lean<EnterpriseDoc>();
  if (!enterprise) throw new Error(`no enterprise ${String(enterpriseId)}`);
  const admin = await UserModel.findOne({ enterpriseId: enterprise._id, role: 'enterprise_admin' }).lean();
  const reviewer = {
    reviewerId: admin?._id ?? new Types.ObjectId(),
    reviewerName: admin?.name ?? '企业管理员',
  };
  benchHash ??= hashPassword(benchPassword);
  const passwordHash = await benchHash;
  const prefix = `bench${enterprise._id.toHexString().slice(-8)}_`;
  const accounts = Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);
  const existing = new Set(
    (await UserModel.find({ account: { $in: accounts } }, { account: 1 }).lean()).map((user) => user.account),
  );
  const now = new Date();
  const year = chinaYear(now);
  const last = await ExpertCertificateModel.findOne({ year }, { serial: 1 }).sort({ serial: -1 }).lean();
  let serial = last?.serial ?? 0;
  const rng = new Rng(n);
  const start = now.getTime() - n * 60_000;
  const users: object[] = [];
  const experts: object[] = [];
  const reviews: object[] = [];
  const certificates: (CertificateContent & {
    enterpriseId: Types.ObjectId;
    number: string;
    year: number;
    serial: number;
  })[] = [];

  for (const [i, account] of accounts.entries()) {
    const name = personName(rng);
    if (existing.has(account)) continue;
    const _id = new Types.ObjectId();
    const at = new Date(start + i * 60_000);
    const status = statuses[i % statuses.length] ?? 'pending_info';
    const field = fields[i % fields.length] ?? fields[0];
    const phone = `139${String(10_000_000 + i).slice(-8)}`;
    const info =
      status === 'pending_info'
        ? null
        : {
            title: '高级工程师',
            strategicIndustries: [field.strategic],
            economicIndustries: [field.economic],
            resume: `${name}，从事相关领域研发工作多年，主持企业重点项目多项。`,
            contact: phone,
          };
    const decided = status === 'approved' || status === 'rejected';
    let number: string | null = null;
    if (status === 'approved' && info) {
      serial += 1;
      number = certificateNumber(year, serial);
      certificates.push({
        expertId: _id,
        enterpriseId: enterprise._id,
        number,
        year,
        serial,
        expertName: name,
        title: info.title,
        enterpriseName: enterprise.name,
        strategicIndustries: info.strategicIndustries,
        economicIndustries: info.economicIndustries,
        issuedAt: now,
      });
    }
    users.push({
      _id,
      account,
      name,
      passwordHash,
      role: 'expert',
      enterpriseId: enterprise._id,
      institutionId: null,
      status: 'active',
      profile: { department: '技术中心', position: '工程师', phone, email: `${account}@bench.example.cn` },
      profileCompletedAt: at,
      sessionEpoch: 0,
      passwordChangedAt: null,
      createdAt: at,
      updatedAt: at,
    });
    experts.push({
      _id,
      enterpriseId: enterprise._id,
      name,
      account,
      phone,
      position: '工程师',
      department: '技术中心',
      status,
      queueRank: queueRankOf(status),
      statusChangedAt: at,
      info,
      infoUpdatedAt: info ? at : null,
      round: status === 'pending_info' ? 0 : 1,
      submittedAt: status === 'pending_info' ? null : at,
      decidedAt: decided ? at : null,
      certificateNumber: number,
      createdAt: at,
      updatedAt: at,
    });
    if (decided) {
      reviews.push({
        expertId: _id,
        enterpriseId: enterprise._id,
        round: 1,
        decision: status === 'approved' ? 'approve' : 'reject',
        opinion: status === 'approved' ? '同意入库。' : '请补充代表性成果后重新申请。',
        ...reviewer,
        createdAt: at,
      });
    }
  }

  // Raw driver inserts: mongoose would validate and stamp each document one by one.
  await insertAll(UserModel, users);
  await insertAll(ExpertModel, experts);
  await insertAll(ExpertReviewModel, reviews);
  await insertAll(ExpertCertificateModel, certificates);
  // A number taken meanwhile by a real approval: issue that expert's certificate the normal way.
  const issued = new Set(
    (
      await ExpertCertificateModel.find(
        { expertId: { $in: certificates.map((c) => c.expertId) } },
        { expertId: 1 },
      ).lean()
    ).map((c) => c.expertId.toHexString()),
  );
  for (const missing of certificates.filter((c) => !issued.has(c.expertId.toHexString()))) {
    const { number: _taken, year: _year, serial: _serial, enterpriseId: _enterprise, ...content } = missing;
    const certificate = await issueCertificateOf(enterprise._id, content);
    await ExpertModel.updateOne(
      { _id: missing.expertId },
      { $set: { certificateNumber: certificate.number } },
    );
  }
  // Written around the store: tell running API processes that this enterprise's expert lists changed.
  await markRosterChanged(enterprise._id);
  return { created: users.length, accounts, password: benchPassword };
}
