import { randomInt } from 'node:crypto';
import { newPasswordSchema } from '@panhuo/domain/accounts/user';

/** Letters and digits that cannot be misread in an e-mail or on paper (no 0/O, 1/l/I). */
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/**
 * A random initial password for an account the platform opens (12 characters from a 56-symbol alphabet,
 * about 70 bits, from the CSPRNG) that satisfies the password rule (a letter and a digit). The holder
 * receives it once and is asked to change it.
 */
export function generateInitialPassword(length = 12): string {
  for (;;) {
    const password = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
    if (newPasswordSchema.safeParse(password).success) return password;
  }
}
