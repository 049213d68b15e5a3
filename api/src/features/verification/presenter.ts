import type { VerificationDto, VerificationStatus } from '@panhuo/domain/verification/application';
import type { LicenceContentType } from '@panhuo/domain/verification/licence';
import type { EnterpriseCategory } from '@panhuo/domain/taxonomies/enterprise-categories';
import type { VerificationDoc } from './model';

/**
 * An application as the operator console shows it. Fields are picked one by one: the `pending*` guard
 * copies, the licence file id and the reviewer stay inside the API. Pure.
 */
export function toVerificationDto(application: VerificationDoc): VerificationDto {
  return {
    id: application._id.toHexString(),
    companyName: application.companyName,
    creditCode: application.creditCode,
    category: application.category as EnterpriseCategory,
    contactName: application.contactName,
    contactPhone: application.contactPhone,
    contactEmail: application.contactEmail,
    adminAccount: application.adminAccount,
    licence: {
      contentType: application.licence.contentType as LicenceContentType,
      size: application.licence.size,
    },
    status: application.status as VerificationStatus,
    submittedAt: application.createdAt.toISOString(),
    reviewedAt: application.reviewedAt ? application.reviewedAt.toISOString() : null,
    rejectReason: application.rejectReason ?? null,
    enterpriseId: application.enterpriseId ? application.enterpriseId.toHexString() : null,
  };
}
