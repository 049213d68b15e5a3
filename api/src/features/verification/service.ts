import type { VerificationListQuery, ConsolePage } from '@panhuo/domain/operator/console';
import { consolePageSize } from '@panhuo/domain/operator/console';
import type {
  VerificationApproved,
  VerificationDto,
  VerificationForm,
  VerificationRejectBody,
  VerificationRejected,
  VerificationSubmitted,
} from '@panhuo/domain/verification/application';
import { licenceExtensions, licenceMessages, sniffLicenceType } from '@panhuo/domain/verification/licence';
import type { LicenceContentType } from '@panhuo/domain/verification/licence';
import type { AppDeps } from '../../app';
import { AppError, conflict, notFound } from '../../errors';
import type { PlatformScope } from '../auth/scope';
import { openEnterprise, taken } from '../operator/service';
import type { OpeningClash } from '../operator/service';
import { isDuplicateKey } from '../../infra/mongo';
import { deliver } from '../mail/delivery';
import { approvalMail, loginUrlOf, rejectionMail } from '../mail/verification-mails';
import type { VerificationDoc } from './model';
import { toVerificationDto } from './presenter';
import {
  claimDecision,
  deleteLicence,
  findApplication,
  findLicence,
  findSubmissionClash,
  insertApplication,
  insertLicence,
  listApplications,
  recordDecision,
  releaseDecision,
} from './store';
import type { UploadedLicence } from './upload';

/** What review and mail need from the application's dependencies (read when used: tests may swap the mailer). */
type ReviewDeps = Pick<AppDeps, 'config' | 'logger' | 'mailer'>;

/** A review claim older than this, on an application still pending, is from a review that died half-way. */
const staleClaimMs = 5 * 60_000;

const notPending = () => conflict('该申请已审核，不能重复操作');

// ---- Submission ----

/** 409 for the first thing that stands in the way of a new application, at the field concerned. */
async function assertNoClash(form: VerificationForm): Promise<void> {
  const clash = await findSubmissionClash(form);
  if (clash.enterpriseWithCreditCode)
    throw taken('body.creditCode', '该统一社会信用代码的企业已开通账号，请联系本企业管理员');
  if (clash.pendingWithCreditCode)
    throw taken('body.creditCode', '该统一社会信用代码已有待审核的实名认证申请，请耐心等待审核结果');
  if (clash.enterpriseWithName) throw taken('body.companyName', '该企业名称已开通账号，请联系本企业管理员');
  if (clash.accountTaken || clash.pendingWithAdminAccount)
    throw taken('body.adminAccount', '该账号已被占用，请更换');
}

/**
 * Stores a 实名认证 application: the licence type is sniffed from its bytes (415 unless PNG or JPEG), then
 * clashes answer 409 (an enterprise or a pending application with the credit code, an enterprise with the
 * name, a taken account). The bytes are stored first and removed again if the application cannot be, so a
 * refused submission leaves nothing behind; the sparse unique `pending*` indexes decide between two
 * submissions racing with the same credit code or account.
 */
export async function submitApplication(
  input: VerificationForm & { licence: UploadedLicence },
): Promise<VerificationSubmitted> {
  const { licence, ...form } = input;
  const contentType = sniffLicenceType(licence.bytes);
  if (!contentType) throw new AppError(415, 'unsupported_file', licenceMessages.unsupported);
  await assertNoClash(form);
  const fileId = await insertLicence(contentType, licence.bytes);
  let application: VerificationDoc;
  try {
    application = await insertApplication(form, { fileId, contentType, size: licence.bytes.length });
  } catch (err) {
    await deleteLicence(fileId);
    if (!isDuplicateKey(err)) throw err;
    await assertNoClash(form);
    throw conflict('已有相同的实名认证申请');
  }
  return {
    id: application._id.toHexString(),
    status: 'pending',
    submittedAt: application.createdAt.toISOString(),
  };
}

// ---- Review ----

/** A page of applications, newest first. */
export async function listApplicationsPage(
  scope: PlatformScope,
  query: VerificationListQuery,
): Promise<ConsolePage<VerificationDto>> {
  const { rows, total } = await listApplications(scope, {
    offset: (query.page - 1) * consolePageSize,
    limit: consolePageSize,
    ...(query.status ? { status: query.status } : {}),
  });
  return { items: rows.map(toVerificationDto), page: query.page, pageSize: consolePageSize, total };
}

async function loadApplication(scope: PlatformScope, id: string): Promise<VerificationDoc> {
  const application = await findApplication(scope, id);
  if (!application) throw notFound('实名认证申请不存在');
  return application;
}

/** One application. */
export async function getApplication(scope: PlatformScope, id: string): Promise<VerificationDto> {
  return toVerificationDto(await loadApplication(scope, id));
}

/** The licence image of an application: its bytes, sniffed type and a download file name. */
export async function getLicence(
  scope: PlatformScope,
  id: string,
): Promise<{ data: Buffer; contentType: LicenceContentType; fileName: string }> {
  const application = await loadApplication(scope, id);
  const licence = await findLicence(scope, application.licence.fileId);
  if (!licence) throw notFound('营业执照图片不存在');
  const contentType = licence.contentType as LicenceContentType;
  return {
    data: licence.data,
    contentType,
    fileName: `营业执照-${application.creditCode}.${licenceExtensions[contentType]}`,
  };
}

/** Claims the application for a decision, or 404 / 409. */
async function claim(
  scope: PlatformScope,
  id: string,
  decision: 'approved' | 'rejected',
): Promise<VerificationDoc> {
  const application = await loadApplication(scope, id);
  if (application.status !== 'pending') throw notPending();
  if (!(await claimDecision(scope, application._id, decision, staleClaimMs))) throw notPending();
  return application;
}

/** The 409 of an approval that ran into an existing enterprise or account. */
function approvalClash(clash: OpeningClash): AppError {
  switch (clash) {
    case 'creditCode':
      return conflict('已存在该统一社会信用代码的企业，无法通过，请驳回该申请');
    case 'name':
      return conflict('已存在同名企业，无法通过，请驳回该申请');
    case 'account':
      return conflict('申请的管理员账号已被占用，无法通过，请驳回该申请并请申请人更换账号');
  }
}

/**
 * Approves a pending application: opens the enterprise (name, credit code, category) and its 企业管理员
 * account (the requested account, the contact as its name, a generated initial password), records the
 * decision and e-mails the applicant the account, the password and the login address.
 *
 * Double approval (two clicks, two operators) and approve-vs-reject races are settled by the decision
 * claim, an insert unique per application: only its winner writes anything. The enterprise's unique credit
 * code and name, and the account's unique name, are the second line. If the enterprise or the account
 * cannot be created the claim is given back and the application stays pending.
 */
export async function approveApplication(
  deps: ReviewDeps,
  scope: PlatformScope,
  id: string,
): Promise<VerificationApproved> {
  const application = await claim(scope, id, 'approved');
  let result: Awaited<ReturnType<typeof openEnterprise>>;
  try {
    result = await openEnterprise(scope, {
      enterprise: {
        name: application.companyName,
        creditCode: application.creditCode,
        category: application.category as VerificationForm['category'],
        verificationId: application._id,
      },
      admin: { account: application.adminAccount, name: application.contactName },
    });
  } catch (err) {
    await releaseDecision(scope, application._id);
    throw err;
  }
  if (!result.ok) {
    await releaseDecision(scope, application._id);
    throw approvalClash(result.clash);
  }
  const { enterprise, admin, initialPassword } = result.opened;
  const updated = await recordDecision(scope, application._id, {
    status: 'approved',
    enterpriseId: enterprise._id,
    adminUserId: admin._id,
  });
  // Only the claim holder writes the status, so the application is still pending here.
  if (!updated) throw new Error(`verification ${id} left 'pending' while claimed for approval`);
  const mailDelivered = await deliver(
    deps,
    approvalMail({
      to: application.contactEmail,
      contactName: application.contactName,
      companyName: application.companyName,
      account: admin.account,
      initialPassword,
      loginUrl: loginUrlOf(deps.config),
    }),
  );
  return {
    application: toVerificationDto(updated),
    enterpriseId: enterprise._id.toHexString(),
    adminAccount: admin.account,
    mailDelivered,
    // Only when the applicant did not get it: the operator passes it on another way.
    ...(mailDelivered ? {} : { initialPassword }),
  };
}

/** Rejects a pending application with a reason, and e-mails the reason to the applicant. */
export async function rejectApplication(
  deps: ReviewDeps,
  scope: PlatformScope,
  id: string,
  body: VerificationRejectBody,
): Promise<VerificationRejected> {
  const application = await claim(scope, id, 'rejected');
  const updated = await recordDecision(scope, application._id, {
    status: 'rejected',
    rejectReason: body.reason,
  });
  if (!updated) throw new Error(`verification ${id} left 'pending' while claimed for rejection`);
  const mailDelivered = await deliver(
    deps,
    rejectionMail({
      to: application.contactEmail,
      contactName: application.contactName,
      companyName: application.companyName,
      reason: body.reason,
      publicUrl: deps.config.PUBLIC_URL,
    }),
  );
  return { application: toVerificationDto(updated), mailDelivered };
}
