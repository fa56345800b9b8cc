// What notifications tells the other services (STYLE.md rule 7): a notification sent becomes the
// integration event CustomerNotified, written to the outbox in the transaction that records it in the
// notification log, so the log and the announcement commit together or not at all
// (docs/patterns/outbox.md). Keyed by the order id, like the order facts it answers.
import {
  CustomerNotified,
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderDispatched,
  OrderRejected,
  type Causation,
  type Envelope,
} from '@waybill/contracts';
import type { Notification, OrderFact } from '@waybill/notifications-domain';
import { addToOutbox } from '@waybill/outbox';
import type { EntityManager } from 'typeorm';

/**
 * CustomerNotified names the fact by the orders event that carried it (`orders.order-confirmed.v1`): the
 * catalogue's words, which every service shares, not this service's own OrderFact.
 */
const MESSAGE_OF_FACT: Record<OrderFact, string> = {
  ORDER_CONFIRMED: OrderConfirmed.name,
  ORDER_REJECTED: OrderRejected.name,
  ORDER_CANCELLED: OrderCancelled.name,
  ORDER_DISPATCHED: OrderDispatched.name,
  ORDER_DELIVERED: OrderDelivered.name,
};

/** The OrderFact a CustomerNotified's `fact` names; undefined for a name this service has never told of. */
export function orderFactNamed(messageName: string): OrderFact | undefined {
  return (Object.keys(MESSAGE_OF_FACT) as OrderFact[]).find((fact) => MESSAGE_OF_FACT[fact] === messageName);
}

export function customerNotifiedOf(notification: Notification, channel: string, cause: Causation): Envelope<{ orderId: string }> {
  const { orderId, notificationId, customerId, fact, message } = notification;
  return CustomerNotified.create({ orderId, notificationId, customerId, fact: MESSAGE_OF_FACT[fact], channel, message }, cause);
}

/**
 * Writes CustomerNotified for `notification` to the outbox and returns what it wrote, for the caller to
 * apply to its own views (read-your-writes). Kept free of that step, so the provider pact can run it on a
 * recording stand-in for the transaction (apps/notifications/src/contracts/).
 */
export async function publishCustomerNotified(
  transaction: EntityManager,
  notification: Notification,
  channel: string,
  cause: Causation,
): Promise<Envelope[]> {
  const envelope = customerNotifiedOf(notification, channel, cause);
  await addToOutbox(transaction, { envelope, key: envelope.payload.orderId });
  return [envelope];
}
