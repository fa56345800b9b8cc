// Runs one service as a child process and keeps it running, the way a compose `restart` policy would:
// if it exits without being asked to, it is started again after a growing pause (1 s, 2 s, 4 s … 30 s),
// and every restart is printed. Its JSON log lines are shortened for the console and kept whole in
// .waybill/logs/<service>.log.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { colour, fail, say, seconds, warn } from './console';

/** Nest's start-up inventory (modules initialised, routes mapped): kept in the log file, not on the console. */
const QUIET_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication', 'NestMicroservice']);
const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const STOP_TIMEOUT_MS = 10_000;
/** A service that stayed up this long is considered recovered: the next crash starts the backoff again. */
const STABLE_AFTER_MS = 60_000;

export interface ServiceProcessOptions {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  port: number;
  logFile: string;
}

export class ServiceProcess {
  private child?: ChildProcess;
  private stopping = false;
  private restarts = 0;
  private readonly log: WriteStream;
  private readonly label: string;

  constructor(private readonly options: ServiceProcessOptions) {
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    this.label = colour.bold(options.name.padEnd(13));
  }

  get healthUrl(): string {
    return `http://127.0.0.1:${this.options.port}/health`;
  }

  start(): void {
    const startedAt = Date.now();
    const child = spawn(process.execPath, ['--enable-source-maps', this.options.script], {
      env: this.options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => this.print(line));
    }
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      if (Date.now() - startedAt > STABLE_AFTER_MS) this.restarts = 0;
      const delay = Math.min(30_000, 1_000 * 2 ** this.restarts++);
      warn(`${this.options.name} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s (restart #${this.restarts})`);
      setTimeout(() => this.stopping || this.start(), delay).unref();
    });
  }

  /** Resolves when /health answers 200; rejects after `timeoutMs`. */
  async waitUntilHealthy(timeoutMs = 60_000): Promise<void> {
    const started = Date.now();
    let last = 'no answer yet';
    while (Date.now() - started < timeoutMs) {
      try {
        const response = await fetch(this.healthUrl, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return say(`${this.options.name} healthy (${seconds(started)})`);
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(250);
    }
    throw new Error(`${this.options.name} is not healthy after ${timeoutMs / 1000} s (last answer: ${last}); see ${this.options.logFile}`);
  }

  /** SIGTERM (Nest closes HTTP, the consumer and the database pool), SIGKILL if that hangs. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return this.closeLog();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
    if (timedOut) {
      fail(`${this.options.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      child.kill('SIGKILL');
      await exited;
    }
    await this.closeLog();
  }

  private closeLog(): Promise<void> {
    return new Promise((resolve) => this.log.end(resolve));
  }

  /** Pino lines become `orders        info  message`; anything else is printed as it came. */
  private print(line: string): void {
    this.log.write(`${line}\n`);
    let text = line;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; context?: string; err?: { message?: string } };
      const level = LEVEL_NAMES[entry.level ?? 30] ?? 'info';
      if (level === 'trace' || level === 'debug') return;
      if (level === 'info' && QUIET_CONTEXTS.has(entry.context ?? '')) return;
      const paintLevel = level === 'info' ? colour.dim : level === 'warn' ? colour.yellow : colour.red;
      text = `${paintLevel(level.padEnd(5))} ${entry.msg ?? ''}${entry.err?.message ? ` — ${entry.err.message}` : ''}`;
    } catch {
      // not JSON (a stack trace, a crash message): show it as it is
    }
    console.log(`${this.label} ${text}`);
  }
}
