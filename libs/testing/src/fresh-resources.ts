// Isolation for integration tests on one shared Kafka and PostgreSQL, in milliseconds rather than a
// reboot per test: each test gets its own PostgreSQL schema and its own topic prefix, so tests run in
// parallel without seeing each other's rows or messages.
import { randomBytes } from 'node:crypto';
import { ALL_TOPICS, type TopicDefinition } from '@waybill/contracts';
import { ensureTopics } from '@waybill/local-infra';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { testInfrastructureFromEnv } from './test-env';

const TEST_DATABASE = 'waybill_test';

const uniqueSuffix = (): string => randomBytes(4).toString('hex');

export interface FreshSchema {
  databaseUrl: string;
  schema: string;
  drop(): Promise<void>;
}

/** A new, empty schema in the shared test database. */
export async function freshSchema(label = 'test'): Promise<FreshSchema> {
  const { adminDatabaseUrl } = testInfrastructureFromEnv();
  const databaseUrl = await ensureTestDatabase(adminDatabaseUrl);
  const schema = `t_${label.replace(/\W/g, '_').toLowerCase()}_${uniqueSuffix()}`;
  await withClient(databaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  return {
    databaseUrl,
    schema,
    drop: () => withClient(databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}

export interface FreshTopics {
  /** Give services this as TOPIC_PREFIX. */
  prefix: string;
  brokers: string[];
  drop(): Promise<void>;
}

/** The platform's topics (or the ones given) under a prefix no other test uses. */
export async function freshTopics(topics: readonly TopicDefinition[] = ALL_TOPICS): Promise<FreshTopics> {
  const { kafkaBrokers } = testInfrastructureFromEnv();
  const prefix = `t${uniqueSuffix()}.`;
  const created = await ensureTopics(kafkaBrokers, [...topics], prefix);
  return {
    prefix,
    brokers: kafkaBrokers,
    drop: async () => {
      const admin = new Kafka({ clientId: 'waybill-test', brokers: kafkaBrokers, logLevel: 0 }).admin();
      await admin.connect();
      await admin.deleteTopics({ topics: created }).finally(() => admin.disconnect());
    },
  };
}

let testDatabaseUrl: Promise<string> | undefined;

/** Creates the shared test database once per worker; concurrent workers may race, which is fine. */
function ensureTestDatabase(adminDatabaseUrl: string): Promise<string> {
  testDatabaseUrl ??= withClient(adminDatabaseUrl, async (client) => {
    await client.query(`CREATE DATABASE ${TEST_DATABASE}`).catch((error: { code?: string }) => {
      if (error.code !== '42P04' && error.code !== '23505') throw error; // already exists
    });
    const url = new URL(adminDatabaseUrl);
    url.pathname = `/${TEST_DATABASE}`;
    return url.toString();
  });
  return testDatabaseUrl;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

type MigrationInterfaceClass = new () => MigrationInterface;

export interface FreshDatabase extends FreshSchema {
  /** Connected, with `search_path` set to the fresh schema and `migrations` applied. */
  dataSource: DataSource;
}

/** A fresh schema with the given migrations applied, and a TypeORM connection to it. */
export async function freshDatabase(label: string, migrations: MigrationInterfaceClass[]): Promise<FreshDatabase> {
  const schema = await freshSchema(label);
  const dataSource = new DataSource({
    type: 'postgres',
    url: schema.databaseUrl,
    schema: schema.schema,
    migrations,
    extra: { options: `-c search_path=${schema.schema}` },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return {
    ...schema,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await schema.drop();
    },
  };
}
