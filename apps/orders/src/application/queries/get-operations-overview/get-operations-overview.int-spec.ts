// GET /operations against the real Kafka and PostgreSQL: what an operator sees comes from the order view
// and from Kafka's offsets, and changes as orders, sagas needing attention and dead letters come and go.
import { randomUUID } from 'node:crypto';
import { newFlow, OrderNeedsAttention, OrderPlaced, Topics } from '@waybill/contracts';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually } from '@waybill/testing';
import { Kafka, logLevel } from 'kafkajs';
import { OrdersModule } from '../../../orders.module';
import { ordersService } from '../../../orders.service-definition';
import type { OperationsOverview } from './get-operations-overview.handler';

describe('GET /operations (the operations view)', () => {
  let orders: ServiceUnderTest;

  beforeAll(async () => {
    // No inventory runs here: the saga's first step waits, and the order stays PENDING.
    orders = await startServiceUnderTest(ordersService, (env) => OrdersModule.register(env), { SAGA_STEP_TIMEOUT_MS: '600000' });
  });
  afterAll(() => orders?.stop());

  const overview = async (): Promise<OperationsOverview> => {
    const response = await fetch(`${orders.url}/operations`);
    expect(response.status).toBe(200);
    return (await response.json()) as OperationsOverview;
  };

  it('counts orders by status, lists sagas needing attention, counts dead letters and shows the view’s lag', async () => {
    const before = await overview();
    expect(Object.keys(before.ordersByStatus).sort()).toEqual(['CANCELLED', 'CONFIRMED', 'DELIVERED', 'DISPATCHED', 'PENDING', 'REJECTED']);

    const placed = await fetch(`${orders.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'ops-1', lines: [{ sku: 'TENT-2P', quantity: 1 }], destination: 'Leeds' }),
    });
    expect(placed.status).toBe(202);
    // Read-your-writes: the order is counted as soon as POST has answered.
    expect((await overview()).ordersByStatus.PENDING).toBe(before.ordersByStatus.PENDING + 1);

    // An order the saga could not undo (published as orders would), and a poison event on a projected topic.
    const orderId = randomUUID();
    const cause = newFlow(orderId);
    await orders.publish(OrderPlaced.create({ orderId, customerId: 'ops-2', lines: [{ sku: 'TENT-2P', quantity: 1 }], destination: 'York' }, cause));
    await orders.publish(OrderNeedsAttention.create({ orderId, customerId: 'ops-2', reason: 'inventory did not release the stock' }, cause));
    const producer = new Kafka({ clientId: 'ops-test', brokers: orders.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: `${orders.topics.prefix}${Topics.notifications.events}`, messages: [{ key: orderId, value: 'not json' }] });
    await producer.disconnect();

    await eventually(async () => {
      const now = await overview();
      expect(now.sagasNeedingAttention).toEqual([{ orderId, reason: 'inventory did not release the stock', since: expect.any(String) }]);
      expect(now.deadLetters).toContainEqual({ topic: `${Topics.notifications.events}.dlq`, count: 1 });
      expect(now.readModels['order-view']).toMatchObject({ state: 'consuming', lagEvents: 0 });
    });
  });
});
