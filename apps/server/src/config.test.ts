import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('defaults to SQLite in ./data, port 3000, localhost and demo mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: null, demo: true, roles: ['web', 'worker'] });
    expect(c.sqlitePath.endsWith('data/lianxin.sqlite')).toBe(true);
  });

  it('production never runs in demo mode and binds all interfaces', () => {
    const c = loadConfig({ NODE_ENV: 'production' });
    expect(c.demo).toBe(false);
    expect(c.host).toBe('0.0.0.0');
    expect(c.cookieSecure).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', LIANXIN_DEMO: '1' })).toThrow(ConfigError);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LIANXIN_ROLES: 'web,cook' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('LIANXIN_ROLES');
    }
  });

  it('reads PostgreSQL and roles', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', LIANXIN_ROLES: 'worker' });
    expect(c.databaseUrl).toBe('postgres://u@h/db');
    expect(c.roles).toEqual(['worker']);
  });
});
