// `npm start`, end to end: the real orchestrator, against the test run's Kafka and PostgreSQL
// (the "existing infrastructure" path of the README), on free ports. It must bring all four services
// up healthy, restart one that is killed, and stop everything on Ctrl-C (SIGINT), leaving nothing behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { findFreePort } from '@waybill/local-infra';
import { eventually, testInfrastructureFromEnv } from '@waybill/testing';

const root = join(__dirname, '..', '..');
const SERVICES = ['orders', 'inventory', 'routing', 'notifications'] as const;

describe('the local stack (npm start)', () => {
  let stack: ChildProcess;
  let output = '';
  const ports = new Map<string, number>();

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    expect(build.status).toBe(0);
    for (const service of SERVICES) ports.set(service, await findFreePort());

    const { kafkaBrokers, adminDatabaseUrl } = testInfrastructureFromEnv();
    stack = spawn(process.execPath, [join(root, 'dist', 'tools', 'stack', 'main.js'), 'start'], {
      cwd: root,
      env: {
        ...process.env,
        KAFKA_BROKERS: kafkaBrokers.join(','),
        DATABASE_URL: adminDatabaseUrl,
        ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_PORT`, String(ports.get(service))])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stack.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    stack.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => expect(output).toContain('Waybill is running'), { timeoutMs: 90_000, intervalMs: 250 });
  });

  afterAll(() => {
    if (stack.exitCode === null) stack.kill('SIGKILL');
  });

  const health = (service: string) => fetch(`http://127.0.0.1:${ports.get(service)}/health`).then((response) => response.status);

  it('brings every service up healthy and says where it is', async () => {
    for (const service of SERVICES) {
      expect(await health(service)).toBe(200);
      expect(output).toContain(`http://127.0.0.1:${ports.get(service)}`);
    }
  });

  it('restarts a service that dies, and says so', async () => {
    const orders = servicePid('orders');
    process.kill(orders, 'SIGKILL');

    await eventually(async () => expect(output).toMatch(/orders exited \(SIGKILL\); restarting in 1 s/), { timeoutMs: 10_000 });
    await eventually(async () => expect(await health('orders')).toBe(200), { timeoutMs: 60_000, intervalMs: 500 });
    expect(servicePid('orders')).not.toBe(orders);
  });

  it('stops everything on Ctrl-C and leaves no process behind', async () => {
    const exited = new Promise<number | null>((resolve) => stack.once('exit', resolve));
    stack.kill('SIGINT');

    expect(await exited).toBe(0);
    expect(output).toContain('services stopped');
    expect(childrenOf(stack.pid!)).toEqual([]);
  });

  function servicePid(service: string): number {
    const pids = childrenOf(stack.pid!).filter((child) => child.args.includes(`apps/${service}/src/main.js`));
    expect(pids).toHaveLength(1);
    return pids[0].pid;
  }
});

function childrenOf(pid: number): Array<{ pid: number; args: string }> {
  const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [, childPid, args] = /^\s*(\d+)\s+(.*)$/.exec(line)!;
      return { pid: Number(childPid), args };
    });
}
