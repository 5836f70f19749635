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
  it('with FILES_STORE=s3, names each bucket setting that is missing or bad', () => {
    expect(() => loadConfig({ FILES_STORE: 's3' })).toThrow(/S3_ENDPOINT.*required when FILES_STORE=s3[\s\S]*S3_BUCKET[\s\S]*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ FILES_STORE: 's3', S3_ENDPOINT: 'https://s3.example', S3_BUCKET: 'Bridges Files', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' })).toThrow(/S3_BUCKET="Bridges Files": must be a bucket name/);
    const c = loadConfig({ FILES_STORE: 's3', S3_ENDPOINT: 'https://s3.example/', S3_BUCKET: 'alliance-files', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_PREFIX: 'bridges/' });
    expect(c.s3).toEqual({ endpoint: 'https://s3.example', bucket: 'alliance-files', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's', prefix: 'bridges/' });
    expect(loadConfig({}).s3).toBeUndefined();
  });
  it('uses secure cookies behind an https base URL', () => {
    expect(loadConfig({ BASE_URL: 'https://alliance.example/' })).toMatchObject({ baseUrl: 'https://alliance.example', secureCookies: true });
  });
});
