// What the customer reads. The texts live in one place, decided by the fact (and, for a rejection, by its
// reason), so a product owner can review every message the platform sends on one screen.
import type { OrderNews, RejectionReason } from './order-news';

/** Each reason says what went wrong and what the customer can do about it: "rejected" alone helps no one. */
const REJECTED_BECAUSE: Record<RejectionReason, string> = {
  OUT_OF_STOCK:
    'We are sorry: we could not accept your order because some of its items are out of stock. You are welcome to order again once they are back.',
  NO_ROUTE: 'We are sorry: we could not accept your order because we do not deliver to its destination yet.',
  TIMEOUT:
    'We are sorry: we could not accept your order because our systems did not answer in time. Nothing was set aside for it; please try again in a few minutes.',
};

/** The text of the notification about `news`. */
export function customerMessageFor(news: OrderNews): string {
  switch (news.fact) {
    case 'ORDER_CONFIRMED':
      return confirmation(news.distanceKm, news.etaMinutes);
    case 'ORDER_REJECTED':
      return REJECTED_BECAUSE[news.reason];
    case 'ORDER_CANCELLED':
      return 'Your order has been cancelled, as you asked. Nothing will be delivered.';
    case 'ORDER_DISPATCHED':
      return 'Your order is on its way: it has just left our depot.';
    case 'ORDER_DELIVERED':
      return 'Your order has been delivered. Thank you for ordering with Waybill!';
    default:
      return unreachable(news);
  }
}

function confirmation(distanceKm: number, etaMinutes: number): string {
  // A destination in the depot's own city has a route of length zero: "0 km, about 0 minutes" reads like a bug.
  if (distanceKm === 0) return 'Good news: your order is confirmed. It ships from our depot in your city and will reach you soon after it leaves.';
  return `Good news: your order is confirmed. It will travel ${kilometres(distanceKm)} from our depot and should reach you about ${duration(etaMinutes)} after it leaves.`;
}

/** `120 km`, `12.3 km`: one decimal is as precise as a delivery estimate deserves. */
export function kilometres(distanceKm: number): string {
  return `${Number.isInteger(distanceKm) ? distanceKm : distanceKm.toFixed(1)} km`;
}

/** `1 minute`, `45 minutes`, `1 hour`, `2 hours 5 minutes`. */
export function duration(minutes: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(Math.max(1, minutes), 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

/** A new fact added to OrderNews without a message fails to compile here, not in front of a customer. */
function unreachable(news: never): never {
  throw new Error(`no message for ${JSON.stringify(news)}`);
}
