// What the order-fulfilment saga makes of a reply off the wire, for the consumer pacts: the transport's
// validateMessage, then the saga definition's own handling of that message (a step's reply function,
// or a compensation it confirms). No database: the saga's data is an order the mother provides.
import { validateMessage } from '@waybill/contracts';
import { OrderMother } from '@waybill/orders-domain';
import {
  orderFulfilmentSaga,
  orderIdOf,
  type OrderFulfilmentData,
} from '../application/saga/order-fulfilment.saga';

const saga = orderFulfilmentSaga({ stepMs: 60_000, compensationMs: 60_000 });
const data: OrderFulfilmentData = { ...OrderMother.pending().snapshot() };

export function sagaReplyTo(raw: string) {
  const validation = validateMessage(raw);
  if (!validation.ok)
    throw new Error(`orders would dead-letter this message: ${validation.reason} ${validation.detail}`);
  const { definition, envelope } = validation;
  const orderId = orderIdOf(envelope.payload);
  const replied = saga.steps.find((step) => definition.name in step.replies);
  if (replied)
    return { step: replied.name, orderId, outcome: replied.replies[definition.name](data, envelope.payload) };
  const undone = saga.steps.find((step) => step.compensation?.confirmedBy === definition.name);
  if (undone) return { step: undone.name, orderId, outcome: 'compensation-confirmed' as const };
  throw new Error(`the order-fulfilment saga has no use for ${definition.name}`);
}
