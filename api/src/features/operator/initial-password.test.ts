import { newPasswordSchema } from '@panhuo/domain/accounts/user';
import { describe, expect, it } from 'vitest';
import { generateInitialPassword } from './initial-password';

describe('initial passwords', () => {
  it('satisfy the password rule, avoid look-alike characters and do not repeat', () => {
    const passwords = Array.from({ length: 300 }, () => generateInitialPassword());
    for (const password of passwords) {
      expect(password).toHaveLength(12);
      expect(newPasswordSchema.safeParse(password).success, password).toBe(true);
      expect(password).not.toMatch(/[0O1lI]/);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
