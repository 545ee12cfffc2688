import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it('keeps a path of this site with its query and hash', () => {
    expect(safeRedirect('/profile')).toBe('/profile');
    expect(safeRedirect('/journal?classId=1#today')).toBe('/journal?classId=1#today');
    expect(safeRedirect('/')).toBe('/');
  });

  it('refuses other origins and anything that is not a path', () => {
    for (const value of ['https://evil.example', '//evil.example', '/\\evil.example', 'profile', '', '/\t/evil.example', 'javascript:alert(1)']) {
      expect(safeRedirect(value)).toBeUndefined();
    }
    expect(safeRedirect(undefined)).toBeUndefined();
    expect(safeRedirect(42)).toBeUndefined();
  });

  it('does not send a person back to the login page', () => {
    expect(safeRedirect('/login')).toBeUndefined();
    expect(safeRedirect('/login?redirect=%2F')).toBeUndefined();
  });
});
