import type { DynamicModule, INestApplication } from '@nestjs/common';
import { runMigrations, startService, type KafkaTransport, type ServiceDefinition } from '@waybill/platform';
import { freshSchema, freshTopics, type FreshSchema, type FreshTopics } from '@waybill/testing';

export interface ServiceUnderTest {
  app: INestApplication;
  kafka: KafkaTransport;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  env: NodeJS.ProcessEnv;
  schema: FreshSchema;
  topics: FreshTopics;
  stop(): Promise<void>;
}

/**
 * Starts one service exactly as main.ts does (same module, same bootstrap), but on a free port, in a
 * fresh schema (migrated) and on fresh topics, so a test sees only what it caused.
 */
export async function startServiceUnderTest(
  definition: ServiceDefinition,
  register: (env: NodeJS.ProcessEnv) => DynamicModule,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ServiceUnderTest> {
  const [schema, topics] = await Promise.all([freshSchema(definition.name), freshTopics()]);
  const env: NodeJS.ProcessEnv = {
    PORT: '0',
    DATABASE_URL: schema.databaseUrl,
    DATABASE_SCHEMA: schema.schema,
    KAFKA_BROKERS: topics.brokers.join(','),
    TOPIC_PREFIX: topics.prefix,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  await runMigrations(definition, { DATABASE_URL: schema.databaseUrl, DATABASE_SCHEMA: schema.schema });
  const { app, kafka } = await startService(register(env));
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    kafka,
    url,
    env,
    schema,
    topics,
    stop: async () => {
      await app.close();
      await Promise.all([schema.drop(), topics.drop()]);
    },
  };
}
