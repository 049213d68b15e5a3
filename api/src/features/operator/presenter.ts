import type { AccountRow, EnterpriseSummary, InstitutionSummary } from '@panhuo/domain/operator/console';
import type { InstitutionKind } from '@panhuo/domain/institutions/institution';
import type { EnterpriseCategory } from '@panhuo/domain/taxonomies/enterprise-categories';
import type { EnterpriseDoc, UserRecord } from '../accounts/model';
import { toUserDto } from '../accounts/presenter';
import type { InstitutionDoc } from '../institutions/model';

/** An enterprise row of the console, with its account counts. Pure. */
export function toEnterpriseSummary(
  enterprise: EnterpriseDoc,
  counts: { admins: number; experts: number },
): EnterpriseSummary {
  return {
    id: enterprise._id.toHexString(),
    name: enterprise.name,
    creditCode: enterprise.creditCode ?? null,
    category: enterprise.category as EnterpriseCategory,
    adminCount: counts.admins,
    expertCount: counts.experts,
    verified: Boolean(enterprise.verificationId),
    createdAt: enterprise.createdAt.toISOString(),
  };
}

/** A university or institute row of the console, with its account count. Pure. */
export function toInstitutionSummary(institution: InstitutionDoc, accountCount: number): InstitutionSummary {
  return {
    id: institution._id.toHexString(),
    name: institution.name,
    kind: institution.kind as InstitutionKind,
    region: institution.region ?? null,
    accountCount,
  };
}

/** An account row: the account (never its hash) and its 所属单位. Pure. */
export function toAccountRow(user: UserRecord, tenantNames: ReadonlyMap<string, string>): AccountRow {
  const tenant = user.enterpriseId ?? user.institutionId;
  return { ...toUserDto(user), tenantName: tenant ? (tenantNames.get(tenant.toHexString()) ?? null) : null };
}
