// The real `npm start` orchestrator, started by an end-to-end test against the test run's Kafka and
// PostgreSQL (the README's "existing infrastructure" path), on free ports.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { findFreePort } from '@waybill/local-infra';
import { eventually, testInfrastructureFromEnv } from '@waybill/testing';

const root = join(__dirname, '..', '..');
export const SERVICES = ['orders', 'inventory', 'routing', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface RunningStack {
  process: ChildProcess;
  /** Everything the orchestrator printed so far. */
  output(): string;
  url(service: ServiceName): string;
  port(service: ServiceName): number;
  /** The pid of a service's current process (it changes when the orchestrator restarts it). */
  pidOf(service: ServiceName): number;
  stop(): Promise<number | null>;
}

export async function startStack(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningStack> {
  const build = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  const ports = new Map<ServiceName, number>();
  for (const service of SERVICES) ports.set(service, await findFreePort());

  const { kafkaBrokers, adminDatabaseUrl } = testInfrastructureFromEnv();
  const child = spawn(process.execPath, [join(root, 'dist', 'tools', 'stack', 'main.js'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      DATABASE_URL: adminDatabaseUrl,
      ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_PORT`, String(ports.get(service))])),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(async () => expect(output).toContain('Waybill is running'), { timeoutMs: 120_000, intervalMs: 250 });

  return {
    process: child,
    output: () => output,
    url: (service) => `http://127.0.0.1:${ports.get(service)}`,
    port: (service) => ports.get(service)!,
    pidOf(service) {
      const pids = childrenOf(child.pid!).filter((entry) => entry.args.includes(`apps/${service}/src/main.js`));
      if (pids.length !== 1) throw new Error(`expected one ${service} process, found ${pids.length}`);
      return pids[0].pid;
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      return exited;
    },
  };
}

export function childrenOf(pid: number): Array<{ pid: number; args: string }> {
  const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [, childPid, args] = /^\s*(\d+)\s+(.*)$/.exec(line)!;
      return { pid: Number(childPid), args };
    });
}
