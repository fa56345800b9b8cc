import { REJECTION_REASONS } from '@waybill/notifications-domain';
import { anOrder, OrderEventMother } from '../../../testing/order-event.mother';
import { OrderNewsTranslator } from './order-news.translator';

describe('orders’ facts, in this service’s words', () => {
  const order = anOrder({ customerId: 'customer-7' });

  it('turns OrderConfirmed into ORDER_CONFIRMED, with the route its message needs', () => {
    const news = OrderNewsTranslator.fromOrderConfirmed(OrderEventMother.confirmed(order, { distanceKm: 42.5, etaMinutes: 38 }).payload);

    expect(news).toEqual({ ...order, fact: 'ORDER_CONFIRMED', distanceKm: 42.5, etaMinutes: 38 });
  });

  it.each(REJECTION_REASONS)('turns OrderRejected for %s into ORDER_REJECTED, keeping the reason', (reason) => {
    const news = OrderNewsTranslator.fromOrderRejected(OrderEventMother.rejected(reason, order).payload);

    expect(news).toEqual({ ...order, fact: 'ORDER_REJECTED', reason });
  });

  it.each([
    ['OrderCancelled', () => OrderNewsTranslator.fromOrderCancelled(OrderEventMother.cancelled(order).payload), 'ORDER_CANCELLED'],
    ['OrderDispatched', () => OrderNewsTranslator.fromOrderDispatched(OrderEventMother.dispatched(order).payload), 'ORDER_DISPATCHED'],
    ['OrderDelivered', () => OrderNewsTranslator.fromOrderDelivered(OrderEventMother.delivered(order).payload), 'ORDER_DELIVERED'],
  ])('turns %s into %s, addressed to the order’s customer', (_, translate, fact) => {
    expect(translate()).toEqual({ ...order, fact });
  });
});
