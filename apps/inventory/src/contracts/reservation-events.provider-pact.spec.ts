// Inventory, as a provider: do the answers it writes to the outbox satisfy every consumer's committed
// pact with it (libs/contracts/pacts/*-inventory.json)? Each message is produced by inventory's own code
// path, publishReservationEvents on a real Reservation, and taken from the INSERT INTO outbox it would
// run (docs/patterns/contract-testing.md).
import { causedBy, ReserveStock, newFlow } from '@waybill/contracts';
import { Reservation, StockItem } from '@waybill/inventory-domain';
import { publishReservationEvents } from '../application/publish-reservation-events';
import { outboxRecorder, verifyMessages, type MessageProducers } from '@waybill/testing/pact';

const orderId = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';
/** Inventory answers a command: every answer is caused by one. */
const cause = causedBy(
  ReserveStock.create({ orderId, lines: [{ sku: 'TENT-2P', quantity: 2 }] }, newFlow(orderId)),
);

/** What publishReservationEvents writes to the outbox for `reservation`. */
async function published(reservation: Reservation): Promise<Record<string, unknown>> {
  const outbox = outboxRecorder();
  await publishReservationEvents(outbox.transaction, reservation, cause);
  return outbox.takeOne();
}

const stock = () => [StockItem.restore({ sku: 'TENT-2P', onHand: 5, reserved: 0, version: 1 })];

const producers: MessageProducers = {
  'inventory.stock-reserved.v1': () =>
    published(Reservation.request(orderId, [{ sku: 'TENT-2P', quantity: 2 }], stock())),
  'inventory.stock-unavailable.v1': () =>
    published(Reservation.request(orderId, [{ sku: 'TENT-2P', quantity: 9 }], stock())),
  'inventory.stock-released.v1': () => published(Reservation.releaseBeforeRequest(orderId)),
};

describe('inventory.events satisfy their consumers (provider verification: *-inventory pacts)', () => {
  it('every message a consumer expects of inventory is what inventory writes to its outbox', () =>
    verifyMessages('inventory', producers));

  it('fails when inventory stops sending a field a consumer needs (StockReserved without its lines)', async () => {
    const withoutLines: MessageProducers = {
      ...producers,
      'inventory.stock-reserved.v1': async () => {
        const envelope = await producers['inventory.stock-reserved.v1']();
        const { payload, ...rest } = envelope as { payload: Record<string, unknown> };
        const { lines: _dropped, ...remaining } = payload;
        return { ...rest, payload: remaining };
      },
    };
    await expect(verifyMessages('inventory', withoutLines)).rejects.toThrow(
      /missing the following keys: lines/,
    );
  });
});
