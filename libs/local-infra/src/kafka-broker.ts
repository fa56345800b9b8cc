import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { findJava, findRepoRoot, KAFKA_VERSION, resolveKafkaJars } from './kafka-jars';
import { assertPortFree, LOOPBACK } from './ports';
import { ManagedProcess, stopStaleProcess, tail, type ProcessExit } from './processes';

export interface LocalKafkaBrokerOptions {
  /** Where clients connect (PLAINTEXT listener). */
  port: number;
  /** The KRaft controller's own listener; only this process talks to it. */
  controllerPort: number;
  /** Configuration, partitions, logs and the pid file of this broker. Reused across runs. */
  dataDir: string;
  onProgress?: (message: string) => void;
  /** JVM heap in MiB (default 512). */
  heapMb?: number;
}

const READY_TIMEOUT_MS = 90_000; // ready in 3–4 s on an idle two-core machine; a busy one can take many times that
const STOP_TIMEOUT_MS = 30_000;

/**
 * JVM flags for a small development broker that starts fast and stays out of the way on a laptop
 * or a two-core CI machine. Production brokers want the opposite trade-offs (see Kafka's
 * bin/kafka-run-class.sh: G1, large heap, full JIT).
 */
function jvmFlags(heapMb: number, logsDir: string, log4jConfig: string): string[] {
  return [
    // A fixed heap: without -Xmx the JVM may take a quarter of the machine's memory; Xms = Xmx means
    // the heap is never resized while the broker runs.
    `-Xmx${heapMb}m`,
    `-Xms${heapMb}m`,
    // The serial collector: no concurrent GC threads competing with Node for two cores; its pauses
    // are milliseconds on a heap this size.
    '-XX:+UseSerialGC',
    // Only the quick C1 compiler: the peak throughput C2 buys is irrelevant for development traffic,
    // and compiling less makes the start faster and cheaper (measured on two cores, with the serial
    // collector: ready in ~2.6 s on ~2.6 s of CPU, against ~3.1 s on ~4.7 s with Kafka's G1 + C2).
    '-XX:TieredStopAtLevel=1',
    // A broker that ran out of memory dies instead of limping on, so its supervisor notices.
    '-XX:+ExitOnOutOfMemoryError',
    // Logging through reload4j (deploy/kafka/log4j.properties), into this broker's own folder.
    `-Dlog4j.configuration=${pathToFileURL(log4jConfig).href}`,
    `-Dkafka.logs.dir=${logsDir}`,
  ];
}

/** A single-node KRaft cluster: one process is both the controller (metadata) and the broker. */
function serverProperties(options: { port: number; controllerPort: number; dataLogDir: string }): string {
  return `# Written by libs/local-infra on every start: edit the code, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${LOOPBACK}:${options.controllerPort}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://${LOOPBACK}:${options.port},CONTROLLER://${LOOPBACK}:${options.controllerPort}
advertised.listeners=PLAINTEXT://${LOOPBACK}:${options.port}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
# Kafka calls the partition data "logs"; this is data, not diagnostics.
log.dirs=${options.dataLogDir}

# Topics are created on purpose (by the services' topic setup), never by a typo in a topic name.
auto.create.topics.enable=false
num.partitions=3
default.replication.factor=1

# One node cannot hold three replicas of the internal topics: the defaults (3, min ISR 2) would
# leave consumer groups and transactions waiting forever.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
# 50 partitions each by default: fewer files and a faster first consumer-group join on a laptop.
offsets.topic.num.partitions=5
transaction.state.log.num.partitions=5

# Consumers join a group immediately instead of waiting 3 s for others that are not coming.
group.initial.rebalance.delay.ms=0

# Two cores: fewer request threads than a production broker.
num.network.threads=2
num.io.threads=4
`;
}

/** A Kafka cluster id: 16 random bytes in URL-safe base64, as `kafka-storage.sh random-uuid` makes. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id; // as Kafka's Uuid.randomUuid: a leading - reads as a command-line flag
  }
}

/** Runs a short-lived JVM (the storage tool) and collects its output. */
function runJava(java: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, output }));
  });
}

/**
 * A real Apache Kafka broker (KRaft mode, no ZooKeeper) run from the official jars, for the dev
 * stack and the integration tests. `start()` resolves once clients can use it.
 */
export class LocalKafkaBroker {
  readonly brokers: string[];
  readonly pid: number;
  /** Resolves when the JVM ends, whoever ended it; a supervisor watches this for crashes. */
  readonly exited: Promise<ProcessExit>;

  private constructor(
    private readonly jvm: ManagedProcess,
    port: number,
    private readonly pidFile: string,
    /** The broker's diagnostics: start-up, shutdown and every warning or error. */
    readonly logFile: string,
  ) {
    this.brokers = [`${LOOPBACK}:${port}`];
    this.pid = jvm.pid;
    this.exited = jvm.exited;
  }

  static async start(options: LocalKafkaBrokerOptions): Promise<LocalKafkaBroker> {
    const started = Date.now();
    const progress = options.onProgress ?? (() => undefined);
    const dataDir = resolve(options.dataDir);
    const logsDir = join(dataDir, 'logs');
    const dataLogDir = join(dataDir, 'data');
    const propertiesFile = join(dataDir, 'server.properties');
    const pidFile = join(dataDir, 'kafka.pid');
    const outFile = join(logsDir, 'kafka.out');

    const java = await findJava();
    const root = findRepoRoot();
    const libs = await resolveKafkaJars(root, progress);
    const classpath = join(libs, '*'); // the JVM expands a trailing * to every jar in the folder
    const flags = (heapMb: number) =>
      jvmFlags(heapMb, logsDir, join(root, 'deploy', 'kafka', 'log4j.properties'));

    await mkdir(logsDir, { recursive: true });
    await stopStaleProcess({
      pidFile,
      isOurs: (commandLine) => commandLine.includes('kafka.Kafka') && commandLine.includes(propertiesFile),
      what: 'a Kafka broker',
      signal: 'SIGTERM',
      onProgress: progress,
    });
    await assertPortFree(options.port, 'Kafka', 'WAYBILL_KAFKA_PORT');
    await assertPortFree(options.controllerPort, 'Kafka controller', 'WAYBILL_KAFKA_CONTROLLER_PORT');

    await writeFile(
      propertiesFile,
      serverProperties({ port: options.port, controllerPort: options.controllerPort, dataLogDir }),
    );
    // KRaft storage must be formatted once (cluster id, metadata version); formatting again would fail.
    if (!existsSync(join(dataLogDir, 'meta.properties'))) {
      progress('formatting KRaft storage…');
      const format = await runJava(java, [
        ...flags(256),
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        '--cluster-id',
        newClusterId(),
        '--config',
        propertiesFile,
      ]);
      if (format.code !== 0)
        throw new Error(`formatting Kafka storage in ${dataLogDir} failed:\n${format.output.trim()}`);
    }

    progress(`starting Kafka broker on ${LOOPBACK}:${options.port}…`);
    const jvm = await ManagedProcess.spawn(
      java,
      [...flags(options.heapMb ?? 512), '-cp', classpath, 'kafka.Kafka', propertiesFile],
      {
        logFile: outFile,
        stopSignal: 'SIGTERM', // Kafka's shutdown hook: controlled shutdown, clean logs, fast next start
      },
    );
    await writeFile(pidFile, `${jvm.pid}\n`);
    const broker = new LocalKafkaBroker(jvm, options.port, pidFile, join(logsDir, 'server.log'));

    const outcome = await jvm.waitUntilReady(() => broker.probe(), READY_TIMEOUT_MS);
    if (outcome !== 'ready') {
      const seeLogs = `see ${outFile} and ${broker.logFile}`;
      await broker.stop();
      throw new Error(
        (outcome === 'timeout'
          ? `Kafka did not become ready within ${READY_TIMEOUT_MS / 1000}s (${seeLogs}). A busy machine can be this slow: try ` +
            'again; if it keeps failing, delete the data folder (npm run stack:reset) to start from a clean broker.'
          : `Kafka ${KAFKA_VERSION} exited during start-up (code ${outcome.code}, signal ${outcome.signal}); ${seeLogs}.`) +
          ` Last lines:\n${await tail(outFile)}`,
      );
    }
    progress(`Kafka ready (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return broker;
  }

  /**
   * Ready means real client round trips work, not merely that the port is open: the broker accepts
   * connections before it has registered with its controller. It also covers the first things every
   * service does: an idempotent producer asks for a producer id, and a consumer group needs the
   * __consumer_offsets topic. Right after a start both answer "not available yet" for a moment,
   * which kafkajs logs as an ERROR while it retries; getting past that here keeps those out of the
   * services' logs.
   */
  private async probe(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'waybill-local-infra',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING, // refusals are expected while the JVM boots
      connectionTimeout: 1_000,
      requestTimeout: 5_000, // a broker still starting may accept a connection and answer late
      retry: { retries: 0 }, // waitUntilReady retries
    });
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true, retry: { retries: 1 } }); // kafkajs demands retries here
    try {
      await admin.connect();
      await admin.describeCluster();
      await producer.connect();
      await admin.describeGroups(['waybill-local-infra-ready']);
    } finally {
      await Promise.all(
        [admin.disconnect(), producer.disconnect()].map((done) => done.catch(() => undefined)),
      );
    }
  }

  /** Asks for a clean shutdown (SIGTERM), and kills the JVM if it has not exited in time. */
  async stop(timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
    try {
      await this.jvm.stop(timeoutMs);
    } finally {
      await rm(this.pidFile, { force: true });
    }
  }
}
