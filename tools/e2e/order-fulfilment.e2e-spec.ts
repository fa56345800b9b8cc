// Every path of the order-fulfilment saga across the four running services (the real `npm start`
// orchestrator, real Kafka and PostgreSQL), then the two things a demo never shows: many orders
// competing for little stock, and a service killed mid-saga. Each checks that every order settles in
// exactly one terminal state, stock is conserved, and the customer hears each fact once.
import { randomUUID } from 'node:crypto';
import { eventually } from '@waybill/testing';
import { startStack, type RunningStack, type ServiceName } from './running-stack';

type Json = Record<string, unknown>;

describe('order fulfilment across the four services', () => {
  let stack: RunningStack;
  let destination: string;

  beforeAll(async () => {
    stack = await startStack({ SAGA_STEP_TIMEOUT_MS: '4000', SAGA_COMPENSATION_TIMEOUT_MS: '3000', LOG_LEVEL: 'warn' });
    const network = (await get('routing', '/network')) as { depot: string; roads: Array<{ from: string; to: string }> };
    destination = network.roads.find((road) => road.from === network.depot)!.to;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function call(method: string, service: ServiceName, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${stack.url(service)}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }
  const get = async (service: ServiceName, path: string) => (await call('GET', service, path)).body;
  const post = (service: ServiceName, path: string, body?: unknown) => call('POST', service, path, body);

  async function newSku(quantity: number): Promise<string> {
    const sku = `E2E-${randomUUID().slice(0, 8)}`;
    expect((await post('inventory', `/stock/${sku}/receipts`, { quantity })).status).toBe(200);
    return sku;
  }
  const stock = async (sku: string) => (await get('inventory', `/stock/${sku}`)) as { onHand: number; reserved: number; available: number };
  async function place(sku: string, quantity = 1, to = destination): Promise<string> {
    const { status, body } = await post('orders', '/orders', { customerId: 'e2e', lines: [{ sku, quantity }], destination: to });
    expect(status).toBe(202);
    return body.orderId as string;
  }
  interface OrderView {
    status: string;
    rejectionReason?: string;
    shipment?: { route: string[] };
    missingStock?: Array<{ sku: string }>;
    notifications: Array<{ message: string }>;
    history: Array<{ type: string }>;
  }
  const order = async (orderId: string) => (await get('orders', `/orders/${orderId}`)) as unknown as OrderView;
  /** The order view's history, once every service's part in it is there: orders' own facts and everyone else's. */
  const historyOf = (orderId: string, count: number) =>
    eventually(async () => {
      const types = (await order(orderId)).history.map((entry) => entry.type);
      expect(types).toHaveLength(count);
      return types;
    });
  const ordersOwn = (types: string[]) => types.filter((type) => type.startsWith('Order'));
  const settles = (orderId: string, statuses: string[], timeoutMs = 30_000) =>
    eventually(async () => {
      const current = await order(orderId);
      expect(statuses).toContain(current.status);
      return current;
    }, { timeoutMs, intervalMs: 200 });
  const facts = async (orderId: string) => ((await get('notifications', `/notifications?orderId=${orderId}`)) as unknown as Array<{ fact: string }>).map((note) => note.fact);
  const shipmentOf = async (orderId: string) => (await get('routing', `/shipments?orderId=${orderId}`)) as { shipmentId: string; status: string };

  it('confirms, dispatches and delivers: stock leaves with the goods, the customer hears each step once', async () => {
    const sku = await newSku(5);
    const orderId = await place(sku, 2);

    await settles(orderId, ['CONFIRMED']);
    expect(await stock(sku)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    const { shipmentId } = await shipmentOf(orderId);
    expect((await post('routing', `/shipments/${shipmentId}/dispatch`)).status).toBeLessThan(300);
    await settles(orderId, ['DISPATCHED']);
    expect((await post('routing', `/shipments/${shipmentId}/deliver`)).status).toBeLessThan(300);
    await settles(orderId, ['DELIVERED']);

    await eventually(async () => expect(await stock(sku)).toMatchObject({ onHand: 3, reserved: 0 }));
    await eventually(async () => expect(await facts(orderId)).toEqual(['ORDER_CONFIRMED', 'ORDER_DISPATCHED', 'ORDER_DELIVERED']));

    // The order view tells the whole story, from the four services' events (docs/patterns/cqrs.md).
    const history = await historyOf(orderId, 12);
    expect(ordersOwn(history)).toEqual(['OrderPlaced', 'OrderConfirmed', 'OrderDispatched', 'OrderDelivered']);
    expect([...history].sort()).toEqual(
      ['OrderPlaced', 'StockReserved', 'RoutePlanned', 'OrderConfirmed', 'ShipmentDispatched', 'OrderDispatched', 'StockCommitted', 'ShipmentDelivered', 'OrderDelivered']
        .concat(Array(3).fill('CustomerNotified'))
        .sort(),
    );
    const view = await order(orderId);
    expect(view.shipment!.route.at(-1)).toBe(destination);
    expect(view.notifications).toHaveLength(3);
  });

  it('rejects OUT_OF_STOCK and tells the customer why', async () => {
    const orderId = await place(`E2E-NONE-${randomUUID().slice(0, 6)}`);

    expect(await settles(orderId, ['REJECTED'])).toMatchObject({ rejectionReason: 'OUT_OF_STOCK' });
    await eventually(async () => expect(await facts(orderId)).toEqual(['ORDER_REJECTED']));
    expect(await historyOf(orderId, 5)).toEqual(['OrderPlaced', 'StockUnavailable', 'OrderRejected', 'OrderCompensated', 'CustomerNotified']);
    expect((await order(orderId)).missingStock).toMatchObject([{ sku: expect.stringMatching(/^E2E-NONE-/) }]);
  });

  it('rejects NO_ROUTE and releases the stock it had reserved', async () => {
    const sku = await newSku(3);
    const orderId = await place(sku, 2, 'Atlantis');

    expect(await settles(orderId, ['REJECTED'])).toMatchObject({ rejectionReason: 'NO_ROUTE' });
    await eventually(async () => expect(await stock(sku)).toMatchObject({ onHand: 3, reserved: 0 }));
    const history = await historyOf(orderId, 7);
    expect(ordersOwn(history)).toEqual(['OrderPlaced', 'OrderRejected', 'OrderCompensated']);
    expect([...history].sort()).toEqual(['CustomerNotified', 'OrderCompensated', 'OrderPlaced', 'OrderRejected', 'RouteUnavailable', 'StockReleased', 'StockReserved']);
  });

  it('cancels a CONFIRMED order: shipment cancelled, stock released, dispatch refused afterwards', async () => {
    const sku = await newSku(3);
    const orderId = await place(sku, 1);
    await settles(orderId, ['CONFIRMED']);

    expect((await post('orders', `/orders/${orderId}/cancel`)).status).toBe(202);
    await settles(orderId, ['CANCELLED']);
    await eventually(async () => expect(await stock(sku)).toMatchObject({ onHand: 3, reserved: 0 }));
    const shipment = await eventually(async () => {
      const current = await shipmentOf(orderId);
      expect(current.status).toBe('CANCELLED');
      return current;
    });
    expect((await post('routing', `/shipments/${shipment.shipmentId}/dispatch`)).status).toBe(409);
    expect((await post('orders', `/orders/${orderId}/cancel`)).status).toBe(409);
    // The saga undid the shipment, then the reservation, and says so.
    await eventually(async () =>
      expect((await order(orderId)).history.map((entry) => entry.type)).toEqual(expect.arrayContaining(['OrderCancelled', 'ShipmentCancelled', 'StockReleased', 'OrderCompensated'])),
    );
  });

  it('rejects TIMEOUT when inventory is down past the deadline, and compensates once it is back', async () => {
    const sku = await newSku(4);
    const inventory = stack.pidOf('inventory');
    process.kill(inventory, 'SIGSTOP'); // alive but silent: no reply, no crash, no restart
    try {
      const orderId = await place(sku, 1);
      expect(await settles(orderId, ['REJECTED'], 20_000)).toMatchObject({ rejectionReason: 'TIMEOUT' });
    } finally {
      process.kill(inventory, 'SIGCONT');
    }
    // Inventory now handles the late ReserveStock, then the ReleaseStock behind it: nothing stays held.
    await eventually(async () => expect(await stock(sku)).toMatchObject({ onHand: 4, reserved: 0 }), { timeoutMs: 60_000, intervalMs: 500 });
  });

  it('never oversells when many orders compete for little stock, and every order settles', async () => {
    const sku = await newSku(10);
    const orders = await Promise.all(Array.from({ length: 30 }, () => place(sku, 1)));

    const settled = await Promise.all(orders.map((orderId) => settles(orderId, ['CONFIRMED', 'REJECTED'], 60_000)));
    expect(settled.filter((o) => o.status === 'CONFIRMED')).toHaveLength(10);
    expect(settled.filter((o) => o.status === 'REJECTED').every((o) => o.rejectionReason === 'OUT_OF_STOCK')).toBe(true);
    expect(await stock(sku)).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
  });

  it('survives SIGKILL of the orders service mid-saga: every order settles once, stock is conserved, one notification per fact', async () => {
    const sku = await newSku(100);
    const orders = await Promise.all(Array.from({ length: 20 }, () => place(sku, 1)));
    process.kill(stack.pidOf('orders'), 'SIGKILL'); // the orchestrator restarts it

    await eventually(async () => expect((await fetch(`${stack.url('orders')}/health`)).status).toBe(200), { timeoutMs: 60_000, intervalMs: 500 });
    // With this stack's 4 s step deadline, an order whose replies waited out the restart may end TIMEOUT:
    // that is a settlement too, as long as it is compensated and told once.
    const settled = await Promise.all(orders.map((orderId) => settles(orderId, ['CONFIRMED', 'REJECTED'], 90_000)));
    const confirmed = settled.filter((o) => o.status === 'CONFIRMED').length;
    expect(settled.filter((o) => o.status === 'REJECTED').every((o) => o.rejectionReason === 'TIMEOUT')).toBe(true);
    await eventually(async () => expect(await stock(sku)).toMatchObject({ onHand: 100, reserved: confirmed }), { timeoutMs: 60_000, intervalMs: 500 });
    for (const [index, orderId] of orders.entries()) {
      const fact = settled[index].status === 'CONFIRMED' ? 'ORDER_CONFIRMED' : 'ORDER_REJECTED';
      await eventually(async () => expect(await facts(orderId)).toEqual([fact]));
    }
  }, 180_000); // a restart, a consumer-group rejoin (one session timeout) and the backlog
});
