import { randomUUID } from 'node:crypto';
import { MESSAGE_CATALOG, validateMessage } from './catalog';
import { newFlow } from './envelope';
import { ReserveStock, StockReserved } from './inventory/inventory.messages';

const orderId = randomUUID();
const aReservation = () => StockReserved.create({ orderId, lines: [{ sku: 'SKU-1', quantity: 2 }] }, newFlow());

describe('message contracts', () => {
  it('names every message <owner>.<name>.v<version> and puts it on its owner’s topic', () => {
    for (const [name, definition] of MESSAGE_CATALOG) {
      expect(name).toMatch(/^[a-z]+\.[a-z0-9-]+\.v\d+$/);
      expect(definition.topic.split('.')[0]).toBe(name.split('.')[0]);
    }
  });

  it('creates a complete envelope', () => {
    const envelope = aReservation();

    expect(envelope).toMatchObject({ type: 'inventory.stock-reserved', version: 1, causationId: null, payload: { orderId } });
    expect(envelope.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(envelope.occurredAt).getTime()).not.toBeNaN();
  });

  it('refuses to create a message its consumers would reject', () => {
    expect(() => ReserveStock.create({ orderId, lines: [] }, newFlow())).toThrow(/lines/);
  });

  it('accepts a valid message off the wire', () => {
    const result = validateMessage(JSON.stringify(aReservation()));

    expect(result.ok && result.definition).toBe(StockReserved);
  });

  it.each([
    ['MALFORMED_JSON', '{"id": ', /JSON/],
    ['SCHEMA_INVALID', JSON.stringify({ hello: 'world' }), /id/],
    ['UNKNOWN_TYPE', JSON.stringify({ ...aReservation(), type: 'inventory.stock-teleported' }), /inventory\.stock-teleported\.v1/],
    ['SCHEMA_INVALID', JSON.stringify({ ...aReservation(), payload: { orderId, lines: [{ sku: 'SKU-1', quantity: -1 }] } }), /lines\.0\.quantity/],
    ['SCHEMA_INVALID', JSON.stringify({ ...aReservation(), payload: { orderId, lines: [{ sku: 'S', quantity: 1 }], price: 0 } }), /price/],
  ])('rejects %s with a reason a human can act on', (reason, raw, detail) => {
    const result = validateMessage(raw);

    expect(result).toMatchObject({ ok: false, reason });
    expect(!result.ok && result.detail).toMatch(detail);
  });
});
