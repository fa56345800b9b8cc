import { Order, type Shipment } from './order';

/** Orders in every state, for tests (an object mother). */
export const OrderMother = {
  at: new Date('2026-11-22T10:00:00Z'),
  shipment: { shipmentId: '7f9d2d4c-7d36-4d0f-9a0e-5a2bbf6b3e11', route: ['Birmingham', 'Manchester'], distanceKm: 140, etaMinutes: 165 } as Shipment,
  pending(overrides: Partial<{ orderId: string; customerId: string; destination: string }> = {}): Order {
    return Order.place({
      orderId: overrides.orderId ?? '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f',
      customerId: overrides.customerId ?? 'customer-42',
      lines: [{ sku: 'BOX-S', quantity: 2 }],
      destination: overrides.destination ?? 'Manchester',
      at: OrderMother.at,
    });
  },
  confirmed(): Order {
    const order = OrderMother.pending();
    order.confirm(OrderMother.shipment, OrderMother.at);
    return order;
  },
  dispatched(): Order {
    const order = OrderMother.confirmed();
    order.markDispatched(OrderMother.at);
    return order;
  },
};
