import { describe, expect, it } from 'vitest';
import { isRemoval, parseSetCookie } from './set-cookie';

describe('parseSetCookie', () => {
  it('reads the session cookie of express-session, keeping the encoded value as sent', () => {
    const cookie = parseSetCookie(
      'panhuo.sid=s%3AabcDEF.sig%2Bx%2Fy; Path=/; Expires=Wed, 01 Jan 2031 08:00:00 GMT; HttpOnly; SameSite=Lax',
    );
    expect(cookie).toEqual({
      name: 'panhuo.sid',
      value: 's%3AabcDEF.sig%2Bx%2Fy',
      path: '/',
      httpOnly: true,
      secure: false,
      sameSite: 'lax',
      expires: new Date('2031-01-01T08:00:00Z'),
    });
    expect(isRemoval(cookie!)).toBe(false);
  });

  it('recognises the cleared cookie of a logout', () => {
    const cleared = parseSetCookie(
      'panhuo.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure',
    );
    expect(cleared).toMatchObject({ name: 'panhuo.sid', value: '', secure: true });
    expect(isRemoval(cleared!)).toBe(true);
    expect(isRemoval(parseSetCookie('a=b; Max-Age=0')!)).toBe(true);
  });

  it('ignores a line without a name', () => {
    expect(parseSetCookie('=x; Path=/')).toBeNull();
    expect(parseSetCookie('garbage')).toBeNull();
  });
});
