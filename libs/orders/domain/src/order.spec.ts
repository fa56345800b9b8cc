import { Order, OrderStateError } from './order';
import { OrderMother } from './order.mother';

describe('Order', () => {
  it('is placed PENDING, merging lines of the same SKU, and records OrderPlaced', () => {
    const order = Order.place({
      orderId: 'o-1',
      customerId: 'c-1',
      lines: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 2 }, { sku: 'A', quantity: 3 }],
      destination: ' Berlin ',
      at: OrderMother.at,
    });

    expect(order.snapshot()).toMatchObject({ status: 'PENDING', lines: [{ sku: 'A', quantity: 4 }, { sku: 'B', quantity: 2 }], destination: 'Berlin' });
    expect(order.pullEvents().map((event) => event.type)).toEqual(['OrderPlaced']);
    expect(order.pullEvents()).toEqual([]);
  });

  it.each([
    [[], /at least one line/],
    [[{ sku: 'A', quantity: 0 }], /positive whole number/],
    [[{ sku: 'A', quantity: 1.5 }], /positive whole number/],
  ])('refuses lines %j', (lines, message) => {
    expect(() => Order.place({ orderId: 'o', customerId: 'c', lines, destination: 'X', at: OrderMother.at })).toThrow(message);
  });

  it('walks the happy path: confirmed with its shipment, dispatched, delivered', () => {
    const order = OrderMother.pending();
    order.confirm(OrderMother.shipment, OrderMother.at);
    order.markDispatched(OrderMother.at);
    order.markDelivered(OrderMother.at);

    expect(order.snapshot()).toMatchObject({ status: 'DELIVERED', shipment: OrderMother.shipment });
    expect(order.pullEvents().map((event) => event.type)).toEqual(['OrderPlaced', 'OrderConfirmed', 'OrderDispatched', 'OrderDelivered']);
  });

  it('is rejected with a reason only while PENDING', () => {
    const order = OrderMother.pending();
    order.reject('OUT_OF_STOCK', OrderMother.at);

    expect(order.snapshot()).toMatchObject({ status: 'REJECTED', rejectionReason: 'OUT_OF_STOCK' });
    expect(() => OrderMother.confirmed().reject('NO_ROUTE', OrderMother.at)).toThrow(OrderStateError);
  });

  it('can be cancelled while PENDING or CONFIRMED, never after dispatch', () => {
    expect(OrderMother.pending().isCancellable).toBe(true);
    expect(OrderMother.confirmed().isCancellable).toBe(true);
    expect(OrderMother.dispatched().isCancellable).toBe(false);
    expect(() => OrderMother.dispatched().cancel(OrderMother.at)).toThrow(/DISPATCHED: it cannot be cancelled/);
  });

  it('cannot skip a state', () => {
    expect(() => OrderMother.pending().markDispatched(OrderMother.at)).toThrow(OrderStateError);
    expect(() => OrderMother.confirmed().markDelivered(OrderMother.at)).toThrow(OrderStateError);
  });
});
