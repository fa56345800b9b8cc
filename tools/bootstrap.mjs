#!/usr/bin/env node
// Waybill's front door. Every npm script runs through this file so that a fresh clone needs nothing but
// Node, a JDK and Maven. It is plain JavaScript with no dependencies because it runs before any exist,
// possibly on an end-of-life Node.
//
//   1. a supported Node: when the running Node is older than 22, Node 24 is installed from the npm
//      registry (the node-<os>-<arch> packages carry the official binaries) into .waybill/toolchain,
//      and this script runs again under it, with that Node first on PATH for every child process;
//   2. dependencies: `npm install` when node_modules is missing or older than package-lock.json;
//   3. the command itself (see COMMANDS below).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MIN_NODE_MAJOR = 22;
const PROVIDED_NODE = '24'; // the current LTS line
const TOOLCHAIN = join(ROOT, '.waybill', 'toolchain');
const BIN = join(ROOT, 'node_modules', '.bin');

const say = (message) => console.log(`\x1b[36m[waybill]\x1b[0m ${message}`);
const fail = (message) => {
  console.error(`\x1b[31m[waybill] ${message}\x1b[0m`);
  process.exit(1);
};

/** Runs a command to completion, inheriting the terminal; a non-zero exit stops everything. */
function run(command, args, { env = process.env, allowFailure = false } = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0 && !allowFailure) process.exit(result.status ?? 1);
  return result.status ?? 1;
}

/**
 * Runs a long-lived command and mirrors its exit code.
 * - attached (same process group): Ctrl-C in the terminal already reaches the child, so this process
 *   only has to survive it and wait; SIGTERM, which nobody else delivers, is passed on.
 * - detached (its own process group): the terminal's Ctrl-C reaches only us, and we pass it on. The
 *   stack runs this way so that *it* decides the order things stop in (services before Kafka before
 *   PostgreSQL) instead of every process getting the signal at once.
 */
function handOver(command, args, { env = process.env, detached = false } = {}) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env, detached });
  process.on('SIGINT', () => detached && child.kill('SIGINT'));
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function ensureSupportedNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) return;
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const nodeBinDir = join(TOOLCHAIN, 'node_modules', pkg, 'bin');
  const nodeBin = join(nodeBinDir, process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(nodeBin)) {
    say(`Node ${process.versions.node} is past end of life; Waybill needs ${MIN_NODE_MAJOR}+.`);
    say(`installing Node ${PROVIDED_NODE} LTS from the npm registry (${pkg}) into .waybill/toolchain…`);
    const status = run(
      'npm',
      ['install', '--prefix', TOOLCHAIN, '--no-save', '--no-package-lock', '--loglevel=error', `${pkg}@${PROVIDED_NODE}`],
      { allowFailure: true },
    );
    if (status !== 0 || !existsSync(nodeBin)) {
      fail(`could not install ${pkg}@${PROVIDED_NODE}. Install Node ${MIN_NODE_MAJOR} or newer yourself and run the command again.`);
    }
  }
  const env = { ...process.env, PATH: `${nodeBinDir}${delimiter}${process.env.PATH}` };
  say(`using Node ${spawnSync(nodeBin, ['--version']).stdout.toString().trim()} from .waybill/toolchain`);
  handOver(nodeBin, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { env });
  return 'handed-over';
}

function ensureDependencies() {
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  const fresh = existsSync(installed) && (!existsSync(lock) || statSync(installed).mtimeMs >= statSync(lock).mtimeMs);
  if (fresh) return;
  say('installing dependencies (npm install, at the versions package-lock.json pins)…');
  // Not `npm ci`: it refuses a lockfile that lacks other platforms' optional packages (SWC's native
  // builds for macOS, Windows…), and a registry mirror that does not carry them writes exactly such a
  // lockfile. `npm install` keeps every pinned version and skips what this platform does not need.
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
}

const tool = (name) => join(BIN, process.platform === 'win32' ? `${name}.cmd` : name);
const quietNx = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: process.env.CI ? 'true' : '' };

const COMMANDS = {
  /** The whole suite: lint (module boundaries included), type check, then every Jest project. */
  test(args) {
    say('step 1/3: lint (ESLint + Nx module boundaries)…');
    COMMANDS.lint([]);
    say('step 2/3: type check (tsc --noEmit)…');
    COMMANDS.typecheck([]);
    say('step 3/3: unit, integration and contract tests (Jest; integration tests boot Kafka and PostgreSQL once)…');
    COMMANDS.jest(args);
  },
  lint: (args) => run(tool('nx'), ['run-many', '-t', 'lint', '--parallel=2', '--outputStyle=stream', ...args], { env: quietNx }),
  typecheck: (args) => run(tool('tsc'), ['-p', 'tsconfig.json', ...args]),
  jest: (args) => run(tool('jest'), process.env.CI ? ['--ci', ...args] : args),
  build: () => run(process.execPath, [join(ROOT, 'tools', 'build.mjs')]),
  /** Runs a compiled tool from dist/, e.g. `run tools/dlq/main -- list` (after a build, a second). */
  run([script, ...args]) {
    COMMANDS.build();
    run(process.execPath, ['--enable-source-maps', join(ROOT, 'dist', `${script}.js`), ...args]);
  },
  /** A benchmark: `bench outbox` runs tools/bench/outbox.bench.ts (compiled), printing its figures. */
  bench: ([name, ...args]) => COMMANDS.run([`tools/bench/${name}.bench`, ...args]),
  /** The local stack: `stack start` (everything, supervised), `stack reset` (wipe local data). */
  stack(args) {
    COMMANDS.build();
    handOver(process.execPath, ['--enable-source-maps', join(ROOT, 'dist', 'tools', 'stack', 'main.js'), ...args], { detached: true });
  },
};

// kafkajs 2.2.4 (its last release) schedules a timer with a negative delay, which Node 24 reports on
// every connection (kafkajs issue #1751). Node clamps it to 1 ms, as kafkajs meant; silence only that.
const QUIET_WARNING = '--disable-warning=TimeoutNegativeWarning';
if (!(process.env.NODE_OPTIONS ?? '').includes(QUIET_WARNING)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} ${QUIET_WARNING}`.trim();
}

// kafkajs 2 also announces, on every producer, that its default partitioner changed in 2.0 (to the
// Java client's murmur2, the one we want: the same key lands on the same partition from any client).
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

const [command = 'test', ...args] = process.argv.slice(2);
if (!COMMANDS[command]) fail(`unknown command "${command}"; one of: ${Object.keys(COMMANDS).join(', ')}`);
if (ensureSupportedNode() !== 'handed-over') {
  ensureDependencies();
  COMMANDS[command](args);
}
