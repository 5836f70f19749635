import { z } from 'zod';

/**
 * Every environment variable Bridges reads, validated once at start.
 * The README's "Configuration" table documents the same list: keep them in step.
 */
const fields = z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce
      .number({ message: 'must be a whole number between 0 and 65535' })
      .int('must be a whole number between 0 and 65535')
      .min(0, 'must be a whole number between 0 and 65535')
      .max(65535, 'must be a whole number between 0 and 65535')
      .default(3000),
    BASE_URL: z
      .url({ message: 'must be an absolute http(s) URL such as https://bridges.example.org' })
      .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    FILES_DIR: z.string().min(1).optional(),
    FILES_STORE: z.enum(['database', 'folder', 's3']).default('database'),
    S3_ENDPOINT: z
      .url({ message: 'must be the storage service\'s URL, e.g. https://s3.eu-west-1.amazonaws.com' })
      .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
      .optional(),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens').optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_PREFIX: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or folder names ending with a slash, e.g. bridges/').default(''),
    DATABASE_URL: z
      .string()
      .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL')
      .optional(),
    SMTP_URL: z
      .string()
      .refine((u) => /^smtps?:\/\//.test(u), 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Bridges <no-reply@bridges.invalid>'),
    INBOUND_SMTP_PORT: z.coerce
      .number({ message: 'must be a whole number between 0 and 65535' })
      .int('must be a whole number between 0 and 65535')
      .min(0, 'must be a whole number between 0 and 65535')
      .max(65535, 'must be a whole number between 0 and 65535')
      .optional(),
    INBOUND_SMTP_HOST: z.string().min(1).default('0.0.0.0'),
    INBOUND_MAIL_DOMAIN: z
      .string()
      .regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i, 'must be a domain name, e.g. bridges.example.org')
      .optional(),
    SESSION_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters long (generate one with: openssl rand -base64 48)')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
    WORKER: z.enum(['on', 'off']).default('on'),
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    RATE_LIMIT_ALLOWLIST: z.string().default(''),
    PAGE_CACHE_MB: z.coerce.number({ message: 'must be a number of megabytes (0 turns the page cache off)' }).min(0, 'must be 0 or more').max(4096, 'must be at most 4096').default(64),
    PAGE_CACHE_CHECK_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int('must be a whole number').min(0, 'must be 0 or more').max(60_000, 'must be at most 60000').default(1000),
    DOI_PREFIX: z.string().regex(/^10\.\d{4,9}$/, 'must be a DOI prefix such as 10.12345').optional(),
    DOI_AGENCY: z.enum(['crossref', 'datacite']).default('crossref'),
    DOI_DEPOSIT_URL: z
      .url({ message: 'must be the registration agency\'s deposit address, e.g. https://doi.crossref.org/servlet/deposit' })
      .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
      .optional(),
    DOI_DEPOSIT_USER: z.string().min(1).optional(),
    DOI_DEPOSIT_PASSWORD: z.string().min(1).optional(),
    METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{24,200}$/, 'must be 24 to 200 printable characters without spaces (generate one with: openssl rand -hex 32)').optional(),
    OIDC_ISSUER: z
      .url({ message: 'must be the identity provider\'s issuer URL, e.g. https://login.example.org/realms/alliance' })
      .refine((u) => u.startsWith('https://') || isLoopbackHttp(u), 'must start with https:// (http:// only on this machine: localhost, 127.0.0.1, [::1])')
      .optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_LABEL: z.string().trim().min(1).max(60, 'must be at most 60 characters (it is shown on a button)').optional(),
});

/** An http:// address on this machine (a test identity provider); anything else must be https://. */
function isLoopbackHttp(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** Single sign-on for the Secretariat and the Steering Committee: all three or none. */
const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

const schema = fields.superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (env.FILES_STORE === 's3') {
      for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when FILES_STORE=s3' });
      }
    }
    if (env.NODE_ENV === 'production' && !env.BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['BASE_URL'], message: 'is required when NODE_ENV=production' });
    }
    if (env.DOI_DEPOSIT_URL) {
      for (const name of ['DOI_PREFIX', 'DOI_DEPOSIT_USER', 'DOI_DEPOSIT_PASSWORD'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when DOI_DEPOSIT_URL is set' });
      }
    }
    if (OIDC_REQUIRED.some((name) => env[name]) || env.OIDC_LABEL) {
      for (const name of OIDC_REQUIRED) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required for single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together)' });
      }
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  baseUrl: string;
  secureCookies: boolean;
  dataDir: string;
  /** Where uploaded files are kept: in the database (default), in filesDir, or in an S3-compatible bucket. */
  filesStore: Env['FILES_STORE'];
  /** The bucket with FILES_STORE=s3. */
  s3?: S3Config;
  /** The folder of uploaded files with FILES_STORE=folder, and where files of earlier versions are moved from (DATA_DIR/files unless FILES_DIR is set). */
  filesDir: string;
  databaseUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  /** The port of the listener for replies by e-mail (src/platform/mail/inbound.ts); none: replies by e-mail are not received here. */
  inboundSmtpPort?: number;
  inboundSmtpHost: string;
  /** The domain of reply addresses (reply+…@domain): the host of BASE_URL unless INBOUND_MAIL_DOMAIN is set. */
  inboundMailDomain: string;
  sessionSecret: string;
  logLevel: Env['LOG_LEVEL'];
  seedDemo: boolean;
  worker: boolean;
  trustProxy: boolean;
  /** Client addresses exempt from rate limits (e.g. a load test on loopback). */
  rateLimitAllowList: string[];
  /** Bytes of rendered public pages kept in memory; 0: no page cache. */
  pageCacheBytes: number;
  /** How old this instance's knowledge of what changed may be before a cached page is served (ms). */
  pageCacheCheckMs: number;
  /** DOIs of published publications (DOI_PREFIX): none without a prefix. */
  doi?: DoiConfig;
  /** The bearer token of GET /metrics (Prometheus); none: the endpoint answers 404. */
  metricsToken?: string;
  /** Single sign-on for the Secretariat and the Steering Committee (OIDC_*): none, the sign-in page offers e-mail links only. */
  oidc?: OidcConfig;
}

export interface OidcConfig {
  /** The identity provider's issuer identifier; its metadata is discovered from it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the button ("Sign in with …"): OIDC_LABEL, or the issuer's host name. */
  label: string;
}

export interface DoiConfig {
  /** The DOI prefix, e.g. 10.12345: an item's DOI is the prefix and its identifier, 10.12345/ci2024-03. */
  prefix: string;
  /** The registration agency the prefix belongs to: whose metadata is deposited. */
  agency: 'crossref' | 'datacite';
  /** Where publishing deposits the metadata, with the account's credentials; none: nothing is sent (the editors download the XML). */
  deposit?: { url: string; user: string; password: string };
}

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Prepended to every object's name, e.g. "bridges/". */
  prefix: string;
}

export class ConfigError extends Error {}

/** A secret for development only: stable across restarts so sessions survive, never used in production. */
const DEVELOPMENT_SECRET = 'bridges-development-secret-do-not-use-in-production';

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(fields.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]),
  );
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      return `  ${name}=${JSON.stringify(source[name] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Bridges cannot start: the configuration is not valid.\n${lines.join('\n')}\nSee "Configuration" in README.md.`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    dataDir: e.DATA_DIR,
    filesStore: e.FILES_STORE,
    filesDir: e.FILES_DIR ?? `${e.DATA_DIR.replace(/\/$/, '')}/files`,
    s3:
      e.FILES_STORE === 's3'
        ? { endpoint: e.S3_ENDPOINT!.replace(/\/$/, ''), bucket: e.S3_BUCKET!, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID!, secretAccessKey: e.S3_SECRET_ACCESS_KEY!, prefix: e.S3_PREFIX }
        : undefined,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    inboundSmtpPort: e.INBOUND_SMTP_PORT,
    inboundSmtpHost: e.INBOUND_SMTP_HOST,
    inboundMailDomain: (e.INBOUND_MAIL_DOMAIN ?? new URL(baseUrl).hostname).toLowerCase(),
    sessionSecret: e.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO === 'auto',
    worker: e.WORKER === 'on',
    trustProxy: e.TRUST_PROXY === 'true',
    rateLimitAllowList: e.RATE_LIMIT_ALLOWLIST.split(',').map((a) => a.trim()).filter(Boolean),
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    pageCacheCheckMs: e.PAGE_CACHE_CHECK_MS,
    doi: doiFrom(e),
    metricsToken: e.METRICS_TOKEN,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, label: e.OIDC_LABEL ?? new URL(e.OIDC_ISSUER).hostname }
        : undefined,
  };
}

type DoiEnv = Pick<Env, 'DOI_PREFIX' | 'DOI_AGENCY' | 'DOI_DEPOSIT_URL' | 'DOI_DEPOSIT_USER' | 'DOI_DEPOSIT_PASSWORD'>;

function doiFrom(e: DoiEnv): DoiConfig | undefined {
  if (!e.DOI_PREFIX) return undefined;
  const deposit = e.DOI_DEPOSIT_URL && e.DOI_DEPOSIT_USER && e.DOI_DEPOSIT_PASSWORD ? { url: e.DOI_DEPOSIT_URL, user: e.DOI_DEPOSIT_USER, password: e.DOI_DEPOSIT_PASSWORD } : undefined;
  return { prefix: e.DOI_PREFIX, agency: e.DOI_AGENCY, deposit };
}

const depositFields = fields.pick({ DOI_PREFIX: true, DOI_AGENCY: true, DOI_DEPOSIT_URL: true, DOI_DEPOSIT_USER: true, DOI_DEPOSIT_PASSWORD: true, MAIL_FROM: true });

/**
 * What a DOI deposit job needs, read from the environment when it runs (a job is given no Config):
 * the DOI settings and the mail sender. loadConfig checked the same variables at start.
 */
export function loadDepositConfig(source: Record<string, string | undefined> = process.env): { doi?: DoiConfig; mailFrom: string } {
  const parsed = depositFields.safeParse(Object.fromEntries(Object.keys(depositFields.shape).map((k) => [k, source[k] === '' ? undefined : source[k]])));
  if (!parsed.success) throw new ConfigError(`The DOI settings are not valid: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')}`);
  return { doi: doiFrom(parsed.data), mailFrom: parsed.data.MAIL_FROM };
}
