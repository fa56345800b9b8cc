// Configuration is validated once, at start, against a schema: a missing or malformed variable stops the
// service with a message naming it, instead of surfacing later as a confusing connection error.
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** What every Waybill service reads from its environment. */
export function serviceConfigSchema(defaultPort: number) {
  return z.object({
    /** 0 picks any free port (tests). */
    PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
    /** 127.0.0.1 locally; 0.0.0.0 inside a container so the port can be published. */
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// connection URL' }),
    /** The PostgreSQL schema holding this service's tables; tests use a fresh one per case. */
    DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('public'),
    KAFKA_BROKERS: z
      .string({ error: 'is required: a comma-separated list of host:port' })
      .min(1)
      .transform((value) => value.split(',').map((broker) => broker.trim()))
      .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1)),
    /** Prepended to every topic name; lets tests give each case fresh topics on a shared broker. */
    TOPIC_PREFIX: z.string().default(''),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;

export class InvalidConfigurationError extends Error {
  constructor(service: string, problems: string[]) {
    super(
      `${service} cannot start: its configuration is invalid.\n` +
        problems.map((problem) => `  - ${problem}`).join('\n') +
        `\nSet the variables above in the environment (\`npm start\` sets them for you) and start it again.`,
    );
    this.name = 'InvalidConfigurationError';
  }
}

/** Parses `env` against the service's schema, or throws an error that names every bad variable. */
export function loadServiceConfig(service: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return parseConfig(service, serviceConfigSchema(defaultPort), env);
}

/** The part a migration needs: it must run before Kafka is up, so it does not ask for KAFKA_BROKERS. */
export function loadDatabaseConfig(service: string, env: NodeJS.ProcessEnv = process.env) {
  return parseConfig(service, serviceConfigSchema(0).pick({ DATABASE_URL: true, DATABASE_SCHEMA: true }), env);
}

function parseConfig<Schema extends z.ZodType>(service: string, schema: Schema, env: NodeJS.ProcessEnv): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new InvalidConfigurationError(
    service,
    result.error.issues.map((issue) => {
      const variable = issue.path.join('.');
      return env[variable] === undefined ? `${variable} is missing (${issue.message})` : `${variable}: ${issue.message}`;
    }),
  );
}
