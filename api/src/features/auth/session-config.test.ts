import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { sessionCookieOptions } from '../../http/session';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27018/',
  ELASTICSEARCH_URL: 'http://127.0.0.1:9201',
  SMTP_URL: 'smtp://127.0.0.1:1026',
};

describe('session configuration', () => {
  it('has a development secret and insecure cookies by default outside production', () => {
    const config = loadConfig(valid);
    expect(config.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(config.COOKIE_SECURE).toBe(false);
    expect(sessionCookieOptions(config)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
      path: '/',
    });
  });

  it('refuses to start in production without a secret of its own', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(
      /SESSION_SECRET: required in production/,
    );
    const secret = 'k'.repeat(48);
    expect(loadConfig({ ...valid, NODE_ENV: 'production', SESSION_SECRET: secret }).SESSION_SECRET).toBe(
      secret,
    );
  });

  it('refuses a short secret and a COOKIE_SECURE that is not a boolean', () => {
    expect(() => loadConfig({ ...valid, SESSION_SECRET: 'short' })).toThrow(
      /SESSION_SECRET: must be at least 32/,
    );
    expect(() => loadConfig({ ...valid, COOKIE_SECURE: 'sometimes' })).toThrow(/COOKIE_SECURE/);
  });

  it('marks the cookie Secure when COOKIE_SECURE is true', () => {
    const config = loadConfig({ ...valid, COOKIE_SECURE: 'true' });
    expect(config.COOKIE_SECURE).toBe(true);
    expect(sessionCookieOptions(config).secure).toBe(true);
    expect(loadConfig({ ...valid, COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
  });
});
