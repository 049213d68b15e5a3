import type { AccountStatus, Role } from '@panhuo/domain/accounts/roles';
import { computeCreditCodeCheckCharacter } from '@panhuo/domain/accounts/credit-code';
import { expertStatusLabels } from '@panhuo/domain/experts/status';
import type { ExpertStatus } from '@panhuo/domain/experts/status';
import type { Types } from 'mongoose';
import { EnterpriseModel, UserModel } from '../features/accounts/model';
import type { EnterpriseDoc } from '../features/accounts/model';
import { hashPassword } from '../features/auth/password';
import { ExpertModel, ExpertReviewModel, queueRankOf } from '../features/experts/model';
import { issueCertificateOf } from '../features/experts/store';
import { isDuplicateKey } from '../infra/mongo';
import { markRosterChanged } from '../features/experts/roster';
import { InstitutionModel } from '../features/institutions/model';
import { demoEnterprises, demoPassword, demoUniversities } from './demo-accounts-data';
import type { DemoEnterprise, DemoExpert } from './demo-accounts-data';
import { institutionIdFor } from './generate-patents';
import { seedInstitutions } from './institutions';

/** One demo login, for printing after the seed. */
export interface DemoLogin {
  role: Role;
  account: string;
  password: string;
  note: string;
}

interface DemoUser {
  account: string;
  name: string;
  role: Role;
  enterpriseId?: Types.ObjectId;
  institutionId?: Types.ObjectId;
  /** 部门职务, 手机号, 单位邮箱; absent leaves the first-login profile to be completed. */
  profile?: { department: string; position: string; phone: string; email: string };
  status?: AccountStatus;
}

/**
 * The account, created if missing (found by its unique login name; a concurrent seeder's insert is found
 * too). An existing account is left as it is: the seed never resets what someone changed in the demo.
 */
async function ensureUser(
  user: DemoUser,
  passwordHash: string,
): Promise<{ _id: Types.ObjectId; createdAt: Date }> {
  const found = await UserModel.findOne({ account: user.account }, { _id: 1, createdAt: 1 }).lean();
  if (found) return found;
  try {
    const created = await UserModel.create({
      account: user.account,
      name: user.name,
      passwordHash,
      role: user.role,
      enterpriseId: user.enterpriseId ?? null,
      institutionId: user.institutionId ?? null,
      status: user.status ?? 'active',
      ...(user.profile ? { profile: user.profile, profileCompletedAt: new Date() } : {}),
    });
    return { _id: created._id, createdAt: created.createdAt };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const raced = await UserModel.findOne({ account: user.account }, { _id: 1, createdAt: 1 }).lean();
    if (!raced) throw err;
    return raced;
  }
}

/** Inserts a document unless its unique key is taken already (a rerun or a concurrent seeder). */
async function insertOnce(insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

async function ensureEnterprise(enterprise: DemoEnterprise): Promise<EnterpriseDoc> {
  const creditCode = enterprise.creditCode17 + computeCreditCodeCheckCharacter(enterprise.creditCode17);
  await insertOnce(() =>
    EnterpriseModel.create({ name: enterprise.name, creditCode, category: enterprise.category }),
  );
  const stored = await EnterpriseModel.findOne({ name: enterprise.name }).lean<EnterpriseDoc>();
  if (!stored) throw new Error(`enterprise ${enterprise.name} could not be stored`);
  return stored;
}

/**
 * An expert in its demo state. Every step is idempotent and the decisions are applied through the same
 * conditional step as the API (only from 待审核 of that round), so a rerun completes an interrupted run
 * and never undoes what was done in the demo since.
 */
async function ensureExpert(
  enterprise: EnterpriseDoc,
  spec: DemoExpert,
  emailDomain: string,
  passwordHash: string,
): Promise<void> {
  const user = await ensureUser(
    {
      account: spec.account,
      name: spec.name,
      role: 'expert',
      enterpriseId: enterprise._id,
      status: spec.frozen ? 'frozen' : 'active',
      ...(spec.profileComplete
        ? {
            profile: {
              department: spec.department,
              position: spec.position,
              phone: spec.phone,
              email: `${spec.account.replace(/_/g, '.')}@${emailDomain}`,
            },
          }
        : {}),
    },
    passwordHash,
  );
  const rounds = spec.reviews.length + (spec.status === 'pending_review' ? 1 : 0);
  const submitted = spec.status !== 'pending_info';
  await insertOnce(() =>
    ExpertModel.create({
      _id: user._id,
      enterpriseId: enterprise._id,
      name: spec.name,
      account: spec.account,
      phone: spec.phone,
      position: spec.position,
      department: spec.department,
      status: submitted ? 'pending_review' : 'pending_info',
      queueRank: queueRankOf(submitted ? 'pending_review' : 'pending_info'),
      info: spec.info,
      infoUpdatedAt: spec.info ? new Date() : null,
      round: rounds,
      submittedAt: submitted ? new Date() : null,
      createdAt: user.createdAt,
    }),
  );
  const admin = await UserModel.findOne({ enterpriseId: enterprise._id, role: 'enterprise_admin' }).lean();
  if (!admin) throw new Error(`enterprise ${enterprise.name} has no admin`);
  for (const [index, review] of spec.reviews.entries()) {
    await insertOnce(() =>
      ExpertReviewModel.create({
        expertId: user._id,
        enterpriseId: enterprise._id,
        round: index + 1,
        decision: review.decision,
        opinion: review.opinion,
        reviewerId: admin._id,
        reviewerName: admin.name,
      }),
    );
  }
  const last = spec.reviews.at(-1);
  if (!last || spec.status === 'pending_review') {
    // Written around the store: tell running API processes that this enterprise's expert lists changed.
    await markRosterChanged(enterprise._id);
    return;
  }
  let certificateNumber: string | null = null;
  if (last.decision === 'approve' && spec.info) {
    const certificate = await issueCertificateOf(enterprise._id, {
      expertId: user._id,
      expertName: spec.name,
      title: spec.info.title,
      enterpriseName: enterprise.name,
      strategicIndustries: spec.info.strategicIndustries,
      economicIndustries: spec.info.economicIndustries,
      issuedAt: new Date(),
    });
    certificateNumber = certificate.number;
  }
  const now = new Date();
  await ExpertModel.updateOne(
    { _id: user._id, status: 'pending_review', round: rounds },
    {
      $set: {
        status: spec.status,
        queueRank: queueRankOf(spec.status),
        decidedAt: now,
        statusChangedAt: now,
        certificateNumber,
      },
    },
  );
  await markRosterChanged(enterprise._id);
}

/** The institution of a university account: the stored one of that name, else created as the seed would. */
async function ensureInstitution(name: string): Promise<Types.ObjectId> {
  const seed = seedInstitutions.find((institution) => institution.name === name);
  if (!seed) throw new Error(`${name} is not a seed institution`);
  await insertOnce(() =>
    InstitutionModel.create({ _id: institutionIdFor(name), name, kind: seed.kind, region: seed.region }),
  );
  const stored = await InstitutionModel.findOne({ name }, { _id: 1 }).lean();
  if (!stored) throw new Error(`institution ${name} could not be stored`);
  return stored._id;
}

const expertNote = (status: ExpertStatus, spec: DemoExpert) =>
  `专家：${expertStatusLabels[status]}` +
  (spec.frozen ? '，账号已冻结（登录会被拒绝）' : '') +
  (spec.profileComplete ? '' : '，首次登录需完善部门职务、手机号、单位邮箱');

/**
 * Demo accounts for trying the platform: the operator, three enterprises (each with an admin whose
 * first-login profile is completed, and experts in every 信息完善状态, one of them frozen) and university
 * accounts of three seed institutions. Creates what is missing, changes nothing that exists; every
 * account's password is `Panhuo2026!`. Returns the logins to print.
 */
export async function seedDemoAccounts(): Promise<DemoLogin[]> {
  // One hash for every demo account: argon2 takes ~50 ms per hash and they all share the password.
  const passwordHash = await hashPassword(demoPassword);
  const logins: DemoLogin[] = [];
  const login = (role: Role, account: string, note: string) =>
    logins.push({ role, account, password: demoPassword, note });

  await ensureUser(
    {
      account: 'operator',
      name: '平台运营',
      role: 'operator',
      profile: {
        department: '运营中心',
        position: '运营专员',
        phone: '13910001000',
        email: 'operator@patentnavi.example.cn',
      },
    },
    passwordHash,
  );
  login('operator', 'operator', '平台运营');

  for (const spec of demoEnterprises) {
    const enterprise = await ensureEnterprise(spec);
    await ensureUser(
      {
        account: spec.admin.account,
        name: spec.admin.name,
        role: 'enterprise_admin',
        enterpriseId: enterprise._id,
        profile: {
          department: spec.admin.department,
          position: spec.admin.position,
          phone: spec.admin.phone,
          email: `${spec.admin.account}@${spec.emailDomain}`,
        },
      },
      passwordHash,
    );
    login('enterprise_admin', spec.admin.account, `企业管理员：${spec.name}`);
    for (const expert of spec.experts) {
      await ensureExpert(enterprise, expert, spec.emailDomain, passwordHash);
      login('expert', expert.account, `${spec.name} ${expertNote(expert.status, expert)}`);
    }
  }

  for (const university of demoUniversities) {
    const institutionId = await ensureInstitution(university.institution);
    await ensureUser(
      {
        account: university.account,
        name: university.name,
        role: 'university',
        institutionId,
        profile: {
          department: '科学技术研究院',
          position: '成果转化专员',
          phone: `1361000000${university.account.slice(-1)}`,
          email: `${university.account}@tech-transfer.example.edu.cn`,
        },
      },
      passwordHash,
    );
    login('university', university.account, `高校院所用户：${university.institution}`);
  }
  return logins;
}
