import { customerMessageFor } from './customer-message';
import { Notification } from './notification';
import { OrderNewsMother } from './order-news.mother';

describe('a notification', () => {
  it('is addressed to the order’s customer, about exactly one fact, in that fact’s words', () => {
    const news = OrderNewsMother.rejected('NO_ROUTE', { customerId: 'customer-7' });

    const notification = Notification.about(news);

    expect(notification).toMatchObject({ orderId: news.orderId, customerId: 'customer-7', fact: 'ORDER_REJECTED', message: customerMessageFor(news) });
    expect(notification.notificationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the fact of each kind of news', () => {
    const facts = OrderNewsMother.everyKind().map((news) => Notification.about(news).fact);

    expect(facts).toEqual(['ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_REJECTED', 'ORDER_REJECTED', 'ORDER_CANCELLED', 'ORDER_DISPATCHED', 'ORDER_DELIVERED']);
  });

  it('has a new id each time it is composed, but one idempotency key per order and fact', () => {
    const news = OrderNewsMother.delivered();

    const first = Notification.about(news);
    const again = Notification.about(news);
    const otherFact = Notification.about(OrderNewsMother.dispatched({ orderId: news.orderId }));

    expect(again.notificationId).not.toBe(first.notificationId);
    expect(again.idempotencyKey).toBe(first.idempotencyKey);
    expect(otherFact.idempotencyKey).not.toBe(first.idempotencyKey);
  });
});
