// `npm start`, end to end: the real orchestrator must bring all four services up healthy, restart one
// that is killed, and stop everything on Ctrl-C (SIGINT), leaving nothing behind.
import { eventually } from '@waybill/testing';
import { childrenOf, SERVICES, startStack, type RunningStack } from '../e2e/running-stack';

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

  it('stops everything on Ctrl-C and leaves no process behind', async () => {
    const pid = stack.process.pid!;

    expect(await stack.stop()).toBe(0);
    expect(stack.output()).toContain('services stopped');
    expect(childrenOf(pid)).toEqual([]);
  });
});
