// `npm start`, end to end: the real orchestrator must bring all four services up healthy, restart one
// that is killed, let `npm run read-model:rebuild` rebuild every view while the services answer, and
// stop everything on Ctrl-C (SIGINT), leaving nothing behind.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { eventually, testInfrastructureFromEnv } from '@waybill/testing';
import { childrenOf, SERVICES, startStack, type RunningStack } from '../e2e/running-stack';

const root = join(__dirname, '..', '..');

/** Runs the rebuild tool (as `npm run read-model:rebuild` does) against the stack's databases and broker. */
function readModelRebuild(...args: string[]): Promise<{ code: number | null; output: string }> {
  const { kafkaBrokers, adminDatabaseUrl } = testInfrastructureFromEnv();
  const { host } = new URL(adminDatabaseUrl);
  const databaseUrls = Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_DATABASE_URL`, `postgres://${service}:${service}@${host}/waybill_${service}`]));
  const child = spawn(process.execPath, [join(root, 'dist', 'tools', 'read-models', 'main.js'), ...args], {
    cwd: root,
    env: { ...process.env, ...databaseUrls, KAFKA_BROKERS: kafkaBrokers.join(',') },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('the local stack (npm start)', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => {
    if (stack?.process.exitCode === null) stack.process.kill('SIGKILL');
  });

  const health = (service: (typeof SERVICES)[number]) => fetch(`${stack.url(service)}/health`).then((response) => response.status);

  it('brings every service up healthy and says where it is', async () => {
    for (const service of SERVICES) {
      expect(await health(service)).toBe(200);
      expect(stack.output()).toContain(stack.url(service));
    }
  });

  it('restarts a service that dies, and says so', async () => {
    const orders = stack.pidOf('orders');
    process.kill(orders, 'SIGKILL');

    await eventually(async () => expect(stack.output()).toMatch(/orders exited \(SIGKILL\); restarting in 1 s/), { timeoutMs: 10_000 });
    await eventually(async () => expect(await health('orders')).toBe(200), { timeoutMs: 60_000, intervalMs: 500 });
    expect(stack.pidOf('orders')).not.toBe(orders);
  });

  it('rebuilds every read model from the event topics while the services keep answering (npm run read-model:rebuild)', async () => {
    const placed = await fetch(`${stack.url('orders')}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'rebuild-e2e', lines: [{ sku: 'TENT-2P', quantity: 1 }], destination: 'Manchester' }),
    });
    const { orderId } = (await placed.json()) as { orderId: string };
    const order = () =>
      fetch(`${stack.url('orders')}/orders/${orderId}`).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { status: string; history: Array<{ type: string }> },
      }));
    await eventually(async () => expect((await order()).body.status).not.toBe('PENDING'), { timeoutMs: 30_000 });
    await eventually(async () => expect((await order()).body.history.map((entry) => entry.type)).toContain('CustomerNotified'), { timeoutMs: 30_000 });
    const before = (await order()).body;

    const listed = await readModelRebuild('--list');
    expect(listed.code).toBe(0);
    expect(listed.output).toMatch(/order-view\s+orders/);
    expect(listed.output).toMatch(/stock-availability\s+inventory/);
    expect(listed.output).toMatch(/shipment-tracking\s+routing/);
    expect(listed.output).toMatch(/customer-notifications\s+notifications/);

    // Ask for the order all through the rebuild: every answer must be the order, never a 404 or an error.
    const answers: number[] = [];
    let rebuilding = true;
    const asking = (async () => {
      while (rebuilding) {
        answers.push((await order()).status);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const rebuilt = await readModelRebuild();
    rebuilding = false;
    await asking;

    expect(rebuilt.code).toBe(0);
    for (const view of ['order-view', 'stock-availability', 'shipment-tracking', 'customer-notifications']) expect(rebuilt.output).toMatch(new RegExp(`${view}: rebuilt from \\d`));
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200)).toBe(true);
    expect((await order()).body).toEqual(before);
    expect(await readModelRebuild('no-such-view')).toMatchObject({ code: 2, output: expect.stringContaining('no view named no-such-view') });
  });

  it('stops everything on Ctrl-C and leaves no process behind', async () => {
    const pid = stack.process.pid!;

    expect(await stack.stop()).toBe(0);
    expect(stack.output()).toContain('services stopped');
    expect(childrenOf(pid)).toEqual([]);
  });
});
