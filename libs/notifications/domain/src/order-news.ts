// What happened to an order, in this service's own words. Orders' integration events (in
// @waybill/contracts) are orders' language; the application translates each of them into one piece of
// OrderNews (apps/notifications/src/application/commands/notify-customer/order-news.translator.ts), so
// this domain depends on no contract and a change to orders' messages stops at that translator.

/** The facts about an order a customer is told about. `OrderPlaced` is not one: the customer just did that. */
export const ORDER_FACTS = ['ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED', 'ORDER_DISPATCHED', 'ORDER_DELIVERED'] as const;
export type OrderFact = (typeof ORDER_FACTS)[number];

/** Why an order was rejected (DESIGN.md, the fulfilment saga): each reason gets its own message. */
export const REJECTION_REASONS = ['OUT_OF_STOCK', 'NO_ROUTE', 'TIMEOUT'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Whose order it is: the notification goes to its customer. */
export interface OrderOfCustomer {
  readonly orderId: string;
  readonly customerId: string;
}

/** One fact about one order, with the details its message needs (and nothing else). */
export type OrderNews = OrderOfCustomer &
  (
    | { readonly fact: 'ORDER_CONFIRMED'; readonly distanceKm: number; readonly etaMinutes: number }
    | { readonly fact: 'ORDER_REJECTED'; readonly reason: RejectionReason }
    | { readonly fact: 'ORDER_CANCELLED' }
    | { readonly fact: 'ORDER_DISPATCHED' }
    | { readonly fact: 'ORDER_DELIVERED' }
  );
