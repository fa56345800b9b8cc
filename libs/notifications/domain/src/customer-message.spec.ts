import { customerMessageFor, duration, kilometres } from './customer-message';
import { OrderNewsMother } from './order-news.mother';

describe('what the customer is told', () => {
  it('words every fact, and every rejection reason, differently', () => {
    const messages = OrderNewsMother.everyKind().map(customerMessageFor);

    expect(new Set(messages).size).toBe(messages.length);
    for (const message of messages) expect(message).toMatch(/^[A-Z].*[.!]$/); // a sentence, not a code
  });

  it.each([
    ['OUT_OF_STOCK', /out of stock/],
    ['NO_ROUTE', /do not deliver to its destination/],
    ['TIMEOUT', /did not answer in time.*try again/],
  ] as const)('tells a customer whose order was rejected for %s what went wrong', (reason, says) => {
    const message = customerMessageFor(OrderNewsMother.rejected(reason));

    expect(message).toMatch(/could not accept your order/);
    expect(message).toMatch(says);
    expect(message).not.toContain(reason); // never the machine's reason code
  });

  it('gives a confirmed order its distance and estimated travel time', () => {
    expect(customerMessageFor(OrderNewsMother.confirmed({ distanceKm: 120, etaMinutes: 95 }))).toBe(
      'Good news: your order is confirmed. It will travel 120 km from our depot and should reach you about 1 hour 35 minutes after it leaves.',
    );
  });

  it('does not promise "0 km, 1 minute" to a customer in the depot’s own city', () => {
    const message = customerMessageFor(OrderNewsMother.confirmed({ distanceKm: 0, etaMinutes: 0 }));

    expect(message).toMatch(/confirmed/);
    expect(message).toMatch(/in your city/);
    expect(message).not.toMatch(/\d/);
  });

  it.each([
    ['ORDER_CANCELLED', OrderNewsMother.cancelled(), /cancelled, as you asked/],
    ['ORDER_DISPATCHED', OrderNewsMother.dispatched(), /on its way/],
    ['ORDER_DELIVERED', OrderNewsMother.delivered(), /has been delivered/],
  ])('tells the customer about %s', (_, news, says) => {
    expect(customerMessageFor(news)).toMatch(says);
  });

  it.each([
    [0, '1 minute'],
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [61, '1 hour 1 minute'],
    [125, '2 hours 5 minutes'],
  ])('writes %i minutes as "%s"', (minutes, words) => {
    expect(duration(minutes)).toBe(words);
  });

  it.each([
    [120, '120 km'],
    [12.34, '12.3 km'],
    [0.5, '0.5 km'],
  ])('writes %d km as "%s"', (distanceKm, words) => {
    expect(kilometres(distanceKm)).toBe(words);
  });
});
