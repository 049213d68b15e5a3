import type { UserDto } from '@panhuo/domain/accounts/user';
import type { UserRecord } from './model';

/**
 * An account as the API presents it. Fields are picked one by one (never spread), so the password hash,
 * the session epoch and whatever is added to the model later stay inside the API unless listed here.
 */
export function toUserDto(user: UserRecord): UserDto {
  const profile = user.profile
    ? {
        department: user.profile.department,
        position: user.profile.position,
        phone: user.profile.phone,
        email: user.profile.email,
      }
    : null;
  return {
    id: user._id.toHexString(),
    account: user.account,
    name: user.name,
    role: user.role,
    status: user.status,
    enterpriseId: user.enterpriseId ? user.enterpriseId.toHexString() : null,
    institutionId: user.institutionId ? user.institutionId.toHexString() : null,
    profile,
    profileCompletedAt: user.profileCompletedAt ? user.profileCompletedAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
  };
}
