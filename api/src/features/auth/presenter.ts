import type { MeResponse } from '@panhuo/domain/accounts/user';
import { abilitiesOf } from '../../policies/abilities';
import type { UserRecord } from '../accounts/model';
import { toUserDto } from '../accounts/presenter';

/** The signed-in user as /api/auth/me (and login, password change, profile completion) answer it. */
export function toMeResponse(user: UserRecord, csrfToken: string): MeResponse {
  return {
    user: toUserDto(user),
    mustCompleteProfile: !user.profileCompletedAt,
    mustChangePassword: user.mustChangePassword === true,
    profileDraft: user.profileDraft
      ? {
          department: user.profileDraft.department ?? null,
          position: user.profileDraft.position ?? null,
          phone: user.profileDraft.phone ?? null,
        }
      : null,
    abilities: abilitiesOf(user),
    csrfToken,
  };
}
