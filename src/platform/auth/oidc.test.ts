import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

describe('single sign-on configuration', () => {
  it('is off when no OIDC_ variable is set: the sign-in page offers e-mail links only', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it('takes the issuer, the client and a name for the button (the issuer’s host by default)', () => {
    const env = { OIDC_ISSUER: 'https://login.alliance.example/realms/staff', OIDC_CLIENT_ID: 'bridges', OIDC_CLIENT_SECRET: 's3cret' };
    expect(loadConfig(env).oidc).toEqual({ issuer: 'https://login.alliance.example/realms/staff', clientId: 'bridges', clientSecret: 's3cret', label: 'login.alliance.example' });
    expect(loadConfig({ ...env, OIDC_LABEL: 'Alliance Login' }).oidc?.label).toBe('Alliance Login');
  });

  it('refuses to start with part of it, naming what is missing (and never printing the secret)', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.alliance.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.alliance.example' })).toThrow(/OIDC_CLIENT_ID="": is required for single sign-on[\s\S]*OIDC_CLIENT_SECRET="": is required/);
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'bridges', OIDC_CLIENT_SECRET: 'hunter2-secret' })).toThrow(/OIDC_ISSUER="": is required/);
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'bridges', OIDC_CLIENT_SECRET: 'hunter2-secret' })).not.toThrow(/hunter2/);
    expect(() => loadConfig({ OIDC_LABEL: 'Alliance Login' })).toThrow(/OIDC_ISSUER/);
  });

  it('wants https, but for a provider on this machine', () => {
    const client = { OIDC_CLIENT_ID: 'bridges', OIDC_CLIENT_SECRET: 's' };
    expect(() => loadConfig({ ...client, OIDC_ISSUER: 'http://login.alliance.example' })).toThrow(/OIDC_ISSUER=.*must start with https:\/\//);
    expect(() => loadConfig({ ...client, OIDC_ISSUER: 'login.alliance.example' })).toThrow(/OIDC_ISSUER=.*issuer URL/);
    expect(loadConfig({ ...client, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe('http://127.0.0.1:4000');
  });
});
