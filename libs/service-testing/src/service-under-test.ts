import type { DynamicModule, INestApplication } from '@nestjs/common';
import { MESSAGE_CATALOG, messageName, type Envelope } from '@waybill/contracts';
import { runMigrations, startService, type KafkaTransport, type ServiceDefinition } from '@waybill/platform';
import { projectionLag, type Projection } from '@waybill/read-models';
import { freshSchema, freshTopics, type FreshSchema, type FreshTopics } from '@waybill/testing';
import { Kafka, type Admin, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';

export interface ServiceUnderTest {
  app: INestApplication;
  kafka: KafkaTransport;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  env: NodeJS.ProcessEnv;
  schema: FreshSchema;
  topics: FreshTopics;
  /**
   * Sends messages to the service as their producer would: each on its contract's topic (this test's
   * prefix), keyed by its order id.
   */
  publish(...envelopes: Envelope<{ orderId: string }>[]): Promise<void>;
  /** Events on this test's topics that one of the service's views has not applied yet (its checkpoint against Kafka, measured now). */
  viewLag(projection: Projection): Promise<number>;
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
  let producer: Producer | undefined;
  let admin: Admin | undefined;
  return {
    app,
    kafka,
    url,
    env,
    schema,
    topics,
    async publish(...envelopes) {
      if (!producer) {
        producer = new Kafka({ clientId: `test-producer-${definition.name}`, brokers: topics.brokers, logLevel: 0 }).producer();
        await producer.connect();
      }
      for (const envelope of envelopes) {
        const definitionOf = MESSAGE_CATALOG.get(messageName(envelope));
        if (!definitionOf) throw new Error(`no contract for ${messageName(envelope)}`);
        await producer.send({
          topic: `${topics.prefix}${definitionOf.topic}`,
          messages: [{ key: envelope.payload.orderId, value: JSON.stringify(envelope) }],
        });
      }
    },
    async viewLag(projection) {
      if (!admin) {
        admin = new Kafka({ clientId: `test-admin-${definition.name}`, brokers: topics.brokers, logLevel: 0 }).admin();
        await admin.connect();
      }
      return (await projectionLag(admin, app.get(DataSource).manager, projection, topics.prefix)).events;
    },
    stop: async () => {
      await producer?.disconnect();
      await admin?.disconnect();
      await app.close();
      await Promise.all([schema.drop(), topics.drop()]);
    },
  };
}
