import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

// The two kinds of processes local-infra deals with: the servers it starts (a JVM, a postmaster),
// which must never outlive the Node process that owns them, and servers left running by an earlier
// run that was killed (kill -9, a closed terminal, a crashed test runner), known only by a pid file.

/** How a server process ended; `expected` is true when `stop()` asked for it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  expected: boolean;
}

/** A long-running server started by us: its output goes to a log file, its end is reported. */
export class ManagedProcess {
  /** Resolves when the process ends, whoever ended it; a supervisor watches this for crashes. */
  readonly exited: Promise<ProcessExit>;
  private stopRequested = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    private readonly stopSignal: NodeJS.Signals,
  ) {
    // If Node exits without stopping us (an uncaught error, process.exit in a signal handler), the
    // server still gets its shutdown signal instead of holding on to its ports.
    const stopWithNode = () => child.kill(stopSignal);
    process.once('exit', stopWithNode);
    child.on('error', () => undefined); // a failed kill() is reported here; `exited` tells the rest
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        process.removeListener('exit', stopWithNode);
        resolve({ code, signal, expected: this.stopRequested });
      });
    });
  }

  /**
   * Starts `command` with stdout and stderr appended straight to `logFile`: nothing is lost if Node
   * dies, and no pipe can fill up and stall the server.
   */
  static async spawn(
    command: string,
    args: string[],
    options: { logFile: string; stopSignal: NodeJS.Signals; runAs?: { uid: number; gid: number } },
  ): Promise<ManagedProcess> {
    const out = openSync(options.logFile, 'a');
    try {
      const child = spawn(command, args, { stdio: ['ignore', out, out], ...options.runAs });
      const pid = await new Promise<number>((resolve, reject) => {
        child.once('spawn', () => resolve(child.pid as number));
        child.once('error', reject);
      });
      return new ManagedProcess(child, pid, options.stopSignal);
    } finally {
      closeSync(out); // the child holds its own copy of the descriptor
    }
  }

  /** Calls `probe` until it succeeds, the process dies (then: how it ended), or time runs out. */
  async waitUntilReady(
    probe: () => Promise<unknown>,
    timeoutMs: number,
  ): Promise<'ready' | 'timeout' | ProcessExit> {
    let exit: ProcessExit | undefined;
    void this.exited.then((value) => (exit = value));
    const deadline = Date.now() + timeoutMs;
    while (!exit) {
      try {
        await probe();
        return 'ready';
      } catch {
        // not yet
      }
      if (Date.now() > deadline) return 'timeout';
      await sleep(100);
    }
    return exit;
  }

  /** Asks for a clean shutdown, and kills the process if it has not exited after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.stopRequested = true;
      this.child.kill(this.stopSignal);
    }
    const kill = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(kill);
  }
}

/** Runs a short command and collects its output; never rejects, so callers can word the failure. */
export function runCommand(
  command: string,
  args: string[],
  runAs?: { uid: number; gid: number },
): Promise<{ ok: boolean; missing: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024, ...runAs }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ ok: !error, missing, output: `${stdout}${stderr}`.trim() });
    });
  });
}

/** The last lines of a log file, to put the cause of a failure right into the error message. */
export async function tail(file: string, lines = 20): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** True while `pid` runs; a zombie (exited, not yet reaped by its parent) counts as gone. */
async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const info = await describeProcess(pid);
  return info !== undefined && !info.zombie;
}

/** The state and full command line (-ww: never cut) of `pid`; `ps` takes the same flags on Linux and macOS. */
function describeProcess(pid: number): Promise<{ zombie: boolean; args: string } | undefined> {
  return new Promise((resolve) => {
    execFile('ps', ['-ww', '-o', 'stat=,args=', '-p', String(pid)], (error, stdout) => {
      const match = /^\s*(\S+)\s+(.*)$/s.exec(stdout);
      resolve(error || !match ? undefined : { zombie: match[1].startsWith('Z'), args: match[2].trim() });
    });
  });
}

/** Polls until `pid` is gone; false when it still runs after `timeoutMs`. */
async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isRunning(pid))) return true;
    await sleep(100);
  }
  return !(await isRunning(pid));
}

export interface StaleProcess {
  /** A file whose first line is the pid (ours for Kafka, PostgreSQL's own postmaster.pid). */
  pidFile: string;
  /** Recognises the process by its command line, so a recycled pid never gets an unrelated process killed. */
  isOurs: (commandLine: string) => boolean;
  /** What to tell the user, e.g. "a Kafka broker". */
  what: string;
  /** The signal that asks for a clean shutdown (SIGTERM for Kafka, SIGINT for PostgreSQL's fast shutdown). */
  signal: NodeJS.Signals;
  onProgress: (message: string) => void;
}

/** Stops the process named by a pid file when it is still running from a previous run. */
export async function stopStaleProcess(stale: StaleProcess): Promise<void> {
  const pid = Number.parseInt((await readFile(stale.pidFile, 'utf8').catch(() => '')).split('\n')[0], 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !(await isRunning(pid))) return;
  const info = await describeProcess(pid);
  if (!info || !stale.isOurs(info.args)) return;

  stale.onProgress(`stopping ${stale.what} left over from a previous run (pid ${pid})…`);
  process.kill(pid, stale.signal);
  if (await waitForExit(pid, 30_000)) return;
  stale.onProgress(`${stale.what} (pid ${pid}) did not stop in time; killing it`);
  process.kill(pid, 'SIGKILL');
  if (!(await waitForExit(pid, 5_000))) {
    throw new Error(`cannot stop ${stale.what} (pid ${pid}) left over from a previous run — kill it by hand`);
  }
}
