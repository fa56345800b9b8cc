// Orders, as a provider: do the saga's commands and the order's facts it writes to the outbox satisfy
// every consumer's committed pact with it (libs/contracts/pacts/*-orders.json)? Each message is produced
// by orders' own code path, the saga definition's actions as the saga engine writes them, and
// publishOrderEvents on a real Order, and taken from the INSERT INTO outbox it would run
// (docs/patterns/contract-testing.md).
import { causedBy, newFlow, StockReserved } from '@waybill/contracts';
import { OrderMother, type Order, type OrderEvent } from '@waybill/orders-domain';
import { addToOutbox } from '@waybill/outbox';
import type { OutgoingCommand } from '@waybill/saga';
import { publishOrderEvents } from '../application/publish-order-events';
import { orderFulfilmentSaga, type OrderFulfilmentData } from '../application/saga/order-fulfilment.saga';
import { outboxRecorder, verifyMessages, type MessageProducers } from '@waybill/testing/pact';

const order = OrderMother.pending();
const { orderId } = order.snapshot();
const cause = causedBy(
  StockReserved.create({ orderId, lines: [{ sku: 'BOX-S', quantity: 2 }] }, newFlow(orderId)),
);

const saga = orderFulfilmentSaga({ stepMs: 60_000, compensationMs: 60_000 });
const data: OrderFulfilmentData = { ...order.snapshot() };
const step = (name: string) => saga.steps.find((candidate) => candidate.name === name)!;

/** What the saga engine writes to the outbox for `command` (saga-engine.ts: addToOutbox with the command's envelope and key). */
async function sent(command: OutgoingCommand): Promise<Record<string, unknown>> {
  const outbox = outboxRecorder();
  await addToOutbox(outbox.transaction, { envelope: command.build(cause), key: command.key });
  return outbox.takeOne();
}

/** What publishOrderEvents writes for the last thing `change` did to the order. */
async function published(change: () => Order): Promise<Record<string, unknown>> {
  const changed = change();
  const events: OrderEvent[] = changed.pullEvents().slice(-1);
  const outbox = outboxRecorder();
  await publishOrderEvents(outbox.transaction, changed, events, cause);
  return outbox.takeOne();
}

const producers: MessageProducers = {
  // Commands, to inventory and routing
  'inventory.reserve-stock.v1': () => sent(step('reserve-stock').action!(data)),
  'inventory.release-stock.v1': () => sent(step('reserve-stock').compensation!.action(data)),
  'inventory.commit-stock.v1': () => sent(step('await-delivery').action!(data)),
  'routing.plan-route.v1': () => sent(step('plan-route').action!(data)),
  'routing.cancel-shipment.v1': () => sent(step('plan-route').compensation!.action(data)),
  // Facts, to notifications
  'orders.order-confirmed.v1': () => published(() => OrderMother.confirmed()),
  'orders.order-rejected.v1': () =>
    published(() => {
      const rejected = OrderMother.pending();
      rejected.reject('NO_ROUTE', OrderMother.at);
      return rejected;
    }),
  'orders.order-cancelled.v1': () =>
    published(() => {
      const cancelled = OrderMother.confirmed();
      cancelled.cancel(OrderMother.at);
      return cancelled;
    }),
  'orders.order-dispatched.v1': () => published(() => OrderMother.dispatched()),
  'orders.order-delivered.v1': () =>
    published(() => {
      const delivered = OrderMother.dispatched();
      delivered.markDelivered(OrderMother.at);
      return delivered;
    }),
};

describe('orders.events and the saga commands satisfy their consumers (provider verification: *-orders pacts)', () => {
  it('every message a consumer expects of orders is what orders writes to its outbox', () =>
    verifyMessages('orders', producers));

  it('fails when orders stops sending a field a consumer needs (OrderConfirmed without etaMinutes)', async () => {
    const withoutEta: MessageProducers = {
      ...producers,
      'orders.order-confirmed.v1': async () => {
        const { payload, ...rest } = (await producers['orders.order-confirmed.v1']()) as {
          payload: Record<string, unknown>;
        };
        const { etaMinutes: _dropped, ...remaining } = payload;
        return { ...rest, payload: remaining };
      },
    };
    await expect(verifyMessages('orders', withoutEta)).rejects.toThrow(
      /missing the following keys: etaMinutes/,
    );
  });
});
