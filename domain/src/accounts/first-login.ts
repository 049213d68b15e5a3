import { z } from 'zod';
import { newPasswordSchema, profileBodySchema } from './user';

/**
 * PUT /api/auth/profile: the first-login profile, and for an account still holding the one-time password
 * it was opened with, that password (currentPassword) and a new one. The password pair is optional here;
 * the API requires it while the account must change its password, and refuses a new password that
 * equals the current one.
 */
export const firstLoginBodySchema = profileBodySchema
  .extend({
    currentPassword: z.string().max(128, { error: '密码过长' }).optional(),
    newPassword: newPasswordSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.newPassword === undefined) return;
    if (!body.currentPassword)
      ctx.addIssue({ code: 'custom', path: ['currentPassword'], message: '请输入初始密码' });
    else if (body.newPassword === body.currentPassword)
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: '新密码不能与初始密码相同' });
  });

/** Parsed first-login body. */
export type FirstLoginBody = z.output<typeof firstLoginBodySchema>;
