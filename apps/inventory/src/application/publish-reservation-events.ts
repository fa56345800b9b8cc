// Domain events in, integration events out (STYLE.md rule 7). Every ReserveStock, ReleaseStock and
// CommitStock gets exactly one answer on inventory.events, and it is written to the outbox in the same
// transaction as the change it announces (docs/patterns/outbox.md): both commit, or neither does.
import {
  StockCommitted,
  StockReleased,
  StockReserved,
  StockUnavailable,
  type Causation,
  type Envelope,
} from '@waybill/contracts';
import type { Reservation, ReservationAnswer, ReservationEvent, ReservationLine, Shortfall } from '@waybill/inventory-domain';
import { addToOutbox } from '@waybill/outbox';
import type { EntityManager } from 'typeorm';

/**
 * Writes the answers to what was just done to `reservation` to the outbox, keyed by its order (one
 * order's messages stay in order), and answers the envelopes written (for read-your-writes).
 */
export async function publishReservationEvents(transaction: EntityManager, reservation: Reservation, cause: Causation): Promise<Envelope[]> {
  const entries = reservation.pullEvents().map((event) => ({ envelope: toIntegrationEvent(event, cause), key: reservation.orderId }));
  await addToOutbox(transaction, ...entries);
  return entries.map((entry) => entry.envelope);
}

export function toIntegrationEvent(event: ReservationEvent, cause: Causation): Envelope {
  switch (event.type) {
    case 'StockReservedForOrder':
      return reserved(event.orderId, event.lines, cause);
    case 'ReservationRefused':
      return unavailable(event.orderId, event.shortfall, cause);
    case 'ReservationRequestedAgain':
      return answerAgain(event.orderId, event.answer, cause);
    case 'ReservationReleased':
      // Also when nothing went back to stock: the saga compensating the order waits for this answer.
      return StockReleased.create({ orderId: event.orderId }, cause);
    case 'ReservationCommitted':
      return StockCommitted.create({ orderId: event.orderId }, cause);
  }
}

function answerAgain(orderId: string, answer: ReservationAnswer, cause: Causation): Envelope {
  return 'reserved' in answer ? reserved(orderId, answer.reserved, cause) : unavailable(orderId, answer.refused, cause);
}

const reserved = (orderId: string, lines: readonly ReservationLine[], cause: Causation) =>
  StockReserved.create({ orderId, lines: lines.map(({ sku, quantity }) => ({ sku, quantity })) }, cause);

const unavailable = (orderId: string, shortfall: readonly Shortfall[], cause: Causation) =>
  StockUnavailable.create({ orderId, missing: shortfall.map(({ sku, requested, available }) => ({ sku, requested, available })) }, cause);
