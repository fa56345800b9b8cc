// Where the integration tests' Kafka and PostgreSQL come from, decided once per test run:
//   - existing:       KAFKA_BROKERS / DATABASE_URL point at servers you already run (a real cluster, CI services);
//   - testcontainers: a Docker engine answers (or WAYBILL_INFRA=testcontainers): throwaway containers;
//   - embedded:       otherwise (or WAYBILL_INFRA=embedded): the same real Kafka and PostgreSQL that
//                     `npm start` runs, as local processes on free ports, deleted afterwards.
// Each of Kafka and PostgreSQL is decided on its own, so one can be existing and the other started here.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findFreePort, findRepoRoot, LocalKafkaBroker, LocalPostgres } from '@waybill/local-infra';

export interface TestInfrastructure {
  kafkaBrokers: string[];
  /** A superuser URL: the harness creates a database, schemas and roles with it. */
  adminDatabaseUrl: string;
  describe: string;
  stop(): Promise<void>;
}

type Starter = 'embedded' | 'testcontainers';

function chooseStarter(env: NodeJS.ProcessEnv): Starter {
  if (env.WAYBILL_INFRA === 'embedded' || env.WAYBILL_INFRA === 'testcontainers') return env.WAYBILL_INFRA;
  if (env.WAYBILL_INFRA) throw new Error(`WAYBILL_INFRA must be "embedded" or "testcontainers", not "${env.WAYBILL_INFRA}"`);
  const dockerAnswers = Boolean(env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
  return dockerAnswers ? 'testcontainers' : 'embedded';
}

export async function startTestInfrastructure(
  env: NodeJS.ProcessEnv = process.env,
  log: (message: string) => void = (message) => console.log(`[test infrastructure] ${message}`),
): Promise<TestInfrastructure> {
  const starter = chooseStarter(env);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const postgres = env.DATABASE_URL
      ? { url: env.DATABASE_URL, describe: 'existing PostgreSQL (DATABASE_URL)' }
      : await (starter === 'embedded' ? embeddedPostgres : containerPostgres)(stops, log);
    const kafka = env.KAFKA_BROKERS
      ? { brokers: env.KAFKA_BROKERS.split(','), describe: 'existing Kafka (KAFKA_BROKERS)' }
      : await (starter === 'embedded' ? embeddedKafka : containerKafka)(stops, log);
    return { kafkaBrokers: kafka.brokers, adminDatabaseUrl: postgres.url, describe: `${kafka.describe}, ${postgres.describe}`, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw new Error(
      `could not start the test infrastructure (${starter}): ${(error as Error).message}\n` +
        'Integration tests need a real Kafka and PostgreSQL. Either let them start here (a JDK 17+ and Maven, or a Docker engine), ' +
        'or point KAFKA_BROKERS and DATABASE_URL at servers you run. See README.md, "Troubleshooting".',
      { cause: error },
    );
  }
}

type Stops = Array<() => Promise<void>>;

async function embeddedPostgres(stops: Stops, log: (message: string) => void) {
  const postgres = await LocalPostgres.start({
    port: await findFreePort(),
    dataDir: join(findRepoRoot(), '.waybill', 'test', `postgres-${process.pid}`),
    persistent: false,
    onProgress: log,
  });
  stops.push(() => postgres.stop());
  return { url: postgres.adminUrl, describe: `embedded PostgreSQL on port ${postgres.port}` };
}

async function embeddedKafka(stops: Stops, log: (message: string) => void) {
  const dataDir = join(findRepoRoot(), '.waybill', 'test', `kafka-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  const broker = await LocalKafkaBroker.start({ port: await findFreePort(), controllerPort: await findFreePort(), dataDir, onProgress: log });
  stops.push(async () => {
    await broker.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { brokers: broker.brokers, describe: `embedded Kafka ${broker.brokers.join(',')}` };
}

// The Docker path: loaded only when chosen, so machines without Docker never touch it.
async function containerPostgres(stops: Stops, log: (message: string) => void) {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  log('starting PostgreSQL container (postgres:17-alpine)…');
  const container = await new PostgreSqlContainer('postgres:17-alpine').start();
  stops.push(async () => void (await container.stop()));
  return { url: container.getConnectionUri(), describe: 'PostgreSQL container' };
}

async function containerKafka(stops: Stops, log: (message: string) => void) {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  log('starting Kafka container (confluentinc/cp-kafka:7.9.0, KRaft)…');
  const container = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
  stops.push(async () => void (await container.stop()));
  return { brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`], describe: 'Kafka container' };
}
