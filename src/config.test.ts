import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults that run the embedded database on loopback', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, dataDir: './data', baseUrl: 'http://127.0.0.1:3000', secureCookies: false });
    expect(c.databaseUrl).toBeUndefined();
  });
  it('names the variable and the value when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty": must be a whole number/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL="mysql:\/\/x": must be a postgres/);
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET.*at least 32/);
  });
  it('requires a session secret and base URL in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET.*required[\s\S]*BASE_URL.*required/);
  });
  it('uses secure cookies behind an https base URL', () => {
    expect(loadConfig({ BASE_URL: 'https://alliance.example/' })).toMatchObject({ baseUrl: 'https://alliance.example', secureCookies: true });
  });
});
