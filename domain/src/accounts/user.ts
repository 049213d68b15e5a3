import { z } from 'zod';
import { objectIdSchema } from '../object-id';
import { plainText } from '../text';
import { abilitySchema } from './abilities';
import { mobilePhoneSchema } from './phone';
import { accountStatusSchema, roleSchema } from './roles';

/**
 * Accounts are compared case-insensitively and as typed on any keyboard (full-width letters, spaces), so
 * 'ZJU_Admin ' and 'zju_admin' are one account.
 */
export function normalizeAccount(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

/** An account name as an admin or the operator assigns it: 3–64 letters, digits, `_ . @ -`. */
export const accountNameSchema = z
  .string({ error: '请输入账号' })
  .transform(normalizeAccount)
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9_.@-]{2,63}$/, { error: '账号应为3–64位字母、数字或 _ . @ -' }));

/**
 * A new password: 8–64 characters with at least one letter and one digit. The upper bound keeps argon2
 * from being fed megabytes.
 */
export const newPasswordSchema = z
  .string({ error: '请输入新密码' })
  .min(8, { error: '密码至少8位' })
  .max(64, { error: '密码最多64位' })
  .regex(/[A-Za-z]/, { error: '密码须包含字母' })
  .regex(/\d/, { error: '密码须包含数字' });

/**
 * POST /api/auth/login. The account is only normalized, not checked against the naming rule: a
 * malformed account must get the same answer as a wrong password ('账号或密码错误').
 */
export const loginBodySchema = z.object({
  account: z
    .string({ error: '请输入账号' })
    .transform(normalizeAccount)
    .pipe(z.string().min(1, { error: '请输入账号' }).max(64, { error: '账号过长' })),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(128, { error: '密码过长' }),
});

/** Parsed login body. */
export type LoginBody = z.output<typeof loginBodySchema>;

/** POST /api/auth/password: the current password and a new one that differs from it. */
export const passwordChangeBodySchema = z
  .object({
    currentPassword: z.string({ error: '请输入当前密码' }).min(1, { error: '请输入当前密码' }).max(128),
    newPassword: newPasswordSchema,
  })
  .refine((body) => body.newPassword !== body.currentPassword, {
    path: ['newPassword'],
    error: '新密码不能与当前密码相同',
  });

/** Parsed password-change body. */
export type PasswordChangeBody = z.output<typeof passwordChangeBodySchema>;

/** 单位邮箱, stored lower-case. */
export const workEmailSchema = z
  .string({ error: '请填写单位邮箱' })
  .trim()
  .toLowerCase()
  .min(1, { error: '请填写单位邮箱' })
  .max(254, { error: '邮箱过长' })
  .pipe(z.email({ error: '请输入正确的单位邮箱' }));

/**
 * PUT /api/auth/profile: the registration details every user completes at first login
 * (部门职务 as department + position, 手机号, 单位邮箱).
 */
export const profileBodySchema = z.object({
  department: plainText({ label: '部门', max: 50 }),
  position: plainText({ label: '职务', max: 50 }),
  phone: z.string({ error: '请填写手机号' }).pipe(mobilePhoneSchema),
  email: workEmailSchema,
});

/** Parsed first-login profile. */
export type ProfileBody = z.output<typeof profileBodySchema>;

/** An account as the API presents it: never its password hash. */
export const userDtoSchema = z.object({
  id: objectIdSchema,
  account: z.string(),
  name: z.string(),
  role: roleSchema,
  status: accountStatusSchema,
  /** The enterprise of an admin or expert, else null. */
  enterpriseId: objectIdSchema.nullable(),
  /** The university or institute of a university user, else null. */
  institutionId: objectIdSchema.nullable(),
  profile: z
    .object({ department: z.string(), position: z.string(), phone: z.string(), email: z.string() })
    .nullable(),
  /** When the first-login profile was completed; null until then. */
  profileCompletedAt: z.iso.datetime().nullable(),
  /** 开通时间. */
  createdAt: z.iso.datetime(),
});

/** One presented account. */
export type UserDto = z.infer<typeof userDtoSchema>;

/**
 * Body of GET /api/auth/me (and of a successful login, password change or profile completion): the user,
 * whether the first-login profile must still be completed, what the user may do, and the CSRF token to
 * send back in the `x-csrf-token` header of every POST/PUT/PATCH/DELETE.
 */
export const meResponseSchema = z.object({
  user: userDtoSchema,
  mustCompleteProfile: z.boolean(),
  /**
   * True while the account still has the one-time password it was opened with (by an admin or the
   * operator): the first-login profile then also sets a new password.
   */
  mustChangePassword: z.boolean(),
  /**
   * What whoever opened the account entered about the user (部门, 职务, 手机号), to prefill the first-login
   * profile; null when nothing was entered.
   */
  profileDraft: z
    .object({
      department: z.string().nullable(),
      position: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  abilities: z.array(abilitySchema),
  csrfToken: z.string(),
});

/** Parsed /api/auth/me body. */
export type MeResponse = z.infer<typeof meResponseSchema>;

/** Body of GET /api/auth/csrf. */
export const csrfResponseSchema = z.object({ csrfToken: z.string() });
