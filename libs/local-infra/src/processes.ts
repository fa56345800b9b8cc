import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

// Helpers for the one situation a supervisor cannot handle with child-process events: a broker or
// a postmaster left running by an earlier run that was killed (kill -9, a closed terminal, a crashed
// test runner). Its process is not our child, so all we have is the pid it wrote to a file.

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
  timeoutMs?: number;
}

/** Stops the process named by a pid file when it is still running from a previous run. */
export async function stopStaleProcess(stale: StaleProcess): Promise<void> {
  const pid = Number.parseInt((await readFile(stale.pidFile, 'utf8').catch(() => '')).split('\n')[0], 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !(await isRunning(pid))) return;
  const info = await describeProcess(pid);
  if (!info || !stale.isOurs(info.args)) return;

  stale.onProgress(`stopping ${stale.what} left over from a previous run (pid ${pid})…`);
  process.kill(pid, stale.signal);
  if (await waitForExit(pid, stale.timeoutMs ?? 30_000)) return;
  stale.onProgress(`${stale.what} (pid ${pid}) did not stop in time; killing it`);
  process.kill(pid, 'SIGKILL');
  if (!(await waitForExit(pid, 5_000))) {
    throw new Error(`cannot stop ${stale.what} (pid ${pid}) left over from a previous run — kill it by hand`);
  }
}
