// What a request did to an order's reservation, as the domain says it. Every intent method of
// `Reservation` records exactly one of these, also when the request changed nothing (a repeat, nothing
// left to release): the saga waits for an answer to every command, and the answer is built from the event.
//
// These are not the messages on Kafka: the application layer turns each into an integration event of
// @waybill/contracts (STYLE.md rule 7), so the domain can say more (what went back to stock, what was
// asked for again) while the contracts stay as small and stable as their consumers need.
import type { ReservationLine, Shortfall } from './reservation-line';

/** Every line of the order is now held for it. */
export interface StockReservedForOrder {
  readonly type: 'StockReservedForOrder';
  readonly orderId: string;
  readonly lines: readonly ReservationLine[];
}

/** Not every line could be held, so none was. */
export interface ReservationRefused {
  readonly type: 'ReservationRefused';
  readonly orderId: string;
  readonly shortfall: readonly Shortfall[];
}

/** What an order was told the first time it asked for stock: held lines, or what was short. */
export type ReservationAnswer = { readonly reserved: readonly ReservationLine[] } | { readonly refused: readonly Shortfall[] };

/** The order asked again (a redelivery under a new message id, a replayed dead letter): nothing changed, and it gets its first answer. */
export interface ReservationRequestedAgain {
  readonly type: 'ReservationRequestedAgain';
  readonly orderId: string;
  readonly answer: ReservationAnswer;
}

/** The order holds no reserved stock now; `returnedToStock` is what became available again by this request (possibly nothing). */
export interface ReservationReleased {
  readonly type: 'ReservationReleased';
  readonly orderId: string;
  readonly returnedToStock: readonly ReservationLine[];
}

/** The order's reserved stock has left the depot; `shipped` is what went off the shelf by this request (nothing for a repeat). */
export interface ReservationCommitted {
  readonly type: 'ReservationCommitted';
  readonly orderId: string;
  readonly shipped: readonly ReservationLine[];
}

export type ReservationEvent = StockReservedForOrder | ReservationRefused | ReservationRequestedAgain | ReservationReleased | ReservationCommitted;
