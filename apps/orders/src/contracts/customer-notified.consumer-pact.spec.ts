// Orders, as a consumer of notifications.events: what the order view needs of CustomerNotified to show
// the customer what they were told (docs/patterns/contract-testing.md). Pact hands the example to the
// code orders runs on it in production: validateMessage (the projector's check), then the order view's
// own code, which stores the event and folds it with the order's other events.
import { MatchersV3 } from '@pact-foundation/pact';
import { CustomerNotified, newFlow, OrderPlaced, validateMessage } from '@waybill/contracts';
import { consumerPact } from '@waybill/testing/pact';
import { foldOrderView } from '../application/projections/order-view/order-view.fold';
import { orderViewEventOf } from '../application/projections/order-view/order-view.projection';

const { like, uuid } = MatchersV3;
const ORDER_ID = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';

/** The order the notification is about, placed a minute before it: the view shows nothing of an order it has not seen placed. */
const placed = OrderPlaced.create(
  { orderId: ORDER_ID, customerId: 'customer-42', lines: [{ sku: 'BOX-S', quantity: 2 }], destination: 'Manchester' },
  newFlow(ORDER_ID),
  { occurredAt: new Date('2026-11-22T09:59:00.000Z') },
);

/** What the order view makes of a message off the wire, after the order's OrderPlaced. */
function orderViewWith(raw: string) {
  const validation = validateMessage(raw);
  if (!validation.ok) throw new Error(`orders would dead-letter this message: ${validation.reason} ${validation.detail}`);
  const notified = orderViewEventOf(validation.envelope);
  if (!notified) throw new Error(`the order view does not show ${validation.definition.name}`);
  return foldOrderView([orderViewEventOf(placed)!, notified])!.view;
}

describe('orders reads notifications.events (consumer pact: orders-notifications)', () => {
  const pact = consumerPact('orders', 'notifications');

  it('CustomerNotified shows, in the order view, what the customer was told and when', () =>
    pact.receives(
      CustomerNotified,
      {
        orderId: uuid(ORDER_ID),
        customerId: like('customer-42'),
        notificationId: uuid('9b2f6c1e-5d4a-4f3b-8e2d-1c0b9a8f7e6d'),
        fact: like('orders.order-confirmed.v1'),
        channel: like('log'),
        message: like('Your order is confirmed: 140 km, about 165 minutes.'),
      },
      (raw) => {
        const view = orderViewWith(raw);
        expect(view.notifications).toEqual([{ at: '2026-11-22T10:00:00.000Z', message: 'Your order is confirmed: 140 km, about 165 minutes.' }]);
        expect(view.history).toEqual([
          { at: '2026-11-22T09:59:00.000Z', type: 'OrderPlaced' },
          { at: '2026-11-22T10:00:00.000Z', type: 'CustomerNotified' },
        ]);
      },
    ));

  it('matches the committed pact (libs/contracts/pacts/orders-notifications.json)', () => pact.expectCommittedUpToDate());
});
