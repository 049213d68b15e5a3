import { describe, expect, it } from 'vitest';
import { guardPage, loginRedirect, safeNext } from './guard';

const complete = { mustCompleteProfile: false };
const incomplete = { mustCompleteProfile: true };

describe('guardPage', () => {
  it('lets anonymous users open only the public pages and sends them to /login with next', () => {
    for (const path of ['/', '/login', '/verify', '/status', '/logout'])
      expect(guardPage(path, path, null)).toBeNull();
    expect(guardPage('/resource-library', '/resource-library?q=%E7%94%B5', null)).toEqual({
      redirect: '/login?next=%2Fresource-library%3Fq%3D%25E7%2594%25B5',
    });
    expect(guardPage('/users/accounts', '/users/accounts', null)).toEqual({
      redirect: '/login?next=%2Fusers%2Faccounts',
    });
  });

  it('forces an incomplete first-login profile before any other page, the public home included', () => {
    expect(guardPage('/profile/complete', '/profile/complete', incomplete)).toBeNull();
    expect(guardPage('/logout', '/logout', incomplete)).toBeNull();
    for (const path of ['/', '/resource-library', '/account/password', '/status'])
      expect(guardPage(path, path, incomplete)).toEqual({ redirect: '/profile/complete' });
  });

  it('sends a session ended by freezing to the login page that says so, from any page but /login', () => {
    expect(guardPage('/me/expert', '/me/expert', null, 'frozen')).toEqual({
      redirect: '/login?reason=frozen&next=%2Fme%2Fexpert',
    });
    expect(guardPage('/', '/', null, 'frozen')).toEqual({ redirect: '/login?reason=frozen' });
    expect(guardPage('/login', '/login', null, 'frozen')).toBeNull();
  });

  it('serves a complete user every page and sends them away from /login', () => {
    expect(guardPage('/users/accounts', '/users/accounts', complete)).toBeNull();
    expect(guardPage('/profile/complete', '/profile/complete', complete)).toBeNull();
    expect(guardPage('/login', '/login?next=/x', complete)).toEqual({ redirect: '/' });
  });
});

describe('safeNext', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeNext('/resource-library?q=1')).toBe('/resource-library?q=1');
    expect(safeNext('/')).toBe('/');
  });

  it.each([
    null,
    '',
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    'evil',
    '/login',
    '/logout?x=1',
    '/a\nb',
  ])('refuses %j', (value) => {
    expect(safeNext(value)).toBeNull();
  });

  it('builds the login address that returns there', () => {
    expect(loginRedirect('/')).toBe('/login');
    expect(loginRedirect('/me/expert')).toBe('/login?next=%2Fme%2Fexpert');
  });
});
