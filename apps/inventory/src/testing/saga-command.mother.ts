// An object mother for the commands the order saga sends inventory: valid envelopes built through the
// contracts (exactly what orders publishes), with only what a test is about spelled out.
import { randomBytes, randomUUID } from 'node:crypto';
import { CommitStock, newFlow, ReleaseStock, ReserveStock, type Envelope } from '@waybill/contracts';

/** A SKU no other test uses, so tests sharing one service never see each other's stock. */
export const aSku = (name = 'SKU'): string => `${name}-${randomBytes(4).toString('hex')}`;

/** Every message of one order's flow shares its correlation id (the order id, as orders does it). */
const flowOf = (orderId: string) => newFlow(orderId);

export const SagaCommandMother = {
  reserve: (lines: Array<{ sku: string; quantity: number }>, orderId: string = randomUUID()) => ReserveStock.create({ orderId, lines }, flowOf(orderId)),
  release: (orderId: string) => ReleaseStock.create({ orderId }, flowOf(orderId)),
  commit: (orderId: string) => CommitStock.create({ orderId }, flowOf(orderId)),

  /**
   * The same command under a new message id, as when the saga sends it again or an operator replays a
   * dead letter: the inbox has never seen this id, so only the domain can stop a second effect.
   */
  again: <Payload>(envelope: Envelope<Payload>): Envelope<Payload> => ({ ...envelope, id: randomUUID() }),
};
