import { z } from 'zod';
import { MESSAGE_CATALOG } from '../catalog';
import { envelopeSchema, newFlow, type Envelope } from '../envelope';
import { StockUnavailable } from '../inventory/inventory.messages';
import { UPCASTERS, upcast, UpcastError } from './upcast';
import { defineUpcaster } from './upcaster';

const ORDER_ID = '0b7e5a4c-2f1d-4e8a-9b3c-6d5e4f3a2b1c';
const stockShort = (payload: unknown): Envelope => ({
  id: '5f0c1d7e-4f2b-4a59-9a51-0d1f2c3b4a5e',
  type: 'inventory.stock-short',
  version: 1,
  occurredAt: '2026-11-22T10:00:00.000Z',
  ...newFlow(ORDER_ID),
  payload,
});

describe('upcast', () => {
  it('turns an old inventory.stock-short.v1 into a valid inventory.stock-unavailable.v1, keeping the id and the flow', () => {
    const old = stockShort({ orderId: ORDER_ID, shortages: [{ sku: 'BOX-S', requested: 2, inStock: 0 }] });

    const current = upcast(envelopeSchema.parse(old) as Envelope);

    expect(StockUnavailable.parse(current)).toEqual({
      ...old,
      type: 'inventory.stock-unavailable',
      payload: { orderId: ORDER_ID, missing: [{ sku: 'BOX-S', requested: 2, available: 0 }] },
    });
  });

  it('leaves a current message as it is', () => {
    const message = StockUnavailable.create(
      { orderId: ORDER_ID, missing: [{ sku: 'BOX-S', requested: 2, available: 0 }] },
      newFlow(),
    );

    expect(upcast(message)).toBe(message);
  });

  it('refuses an old message that is invalid under its old contract, saying where', () => {
    const invalid = stockShort({ orderId: ORDER_ID, shortages: [{ sku: 'BOX-S', requested: 2 }] });

    expect(() => upcast(invalid)).toThrow(UpcastError);
    expect(() => upcast(invalid)).toThrow(/payload\.shortages\.0\.inStock/);
  });
});

describe('UPCASTERS', () => {
  it('read only names the catalogue no longer has (else they would rewrite current messages)', () => {
    for (const name of UPCASTERS.keys()) expect(MESSAGE_CATALOG.has(name)).toBe(false);
  });

  it('lead every old name to a message of the catalogue, without a cycle', () => {
    for (const start of UPCASTERS.keys()) {
      const seen = new Set<string>();
      let name = start;
      while (UPCASTERS.has(name) && !seen.has(name)) {
        seen.add(name);
        name = UPCASTERS.get(name)?.to.name ?? name;
      }
      expect(MESSAGE_CATALOG.has(name)).toBe(true);
    }
  });

  it('within one type, go up only (so a chain of versions always ends)', () => {
    expect(() =>
      defineUpcaster({
        type: StockUnavailable.type,
        version: 1,
        payload: z.object({}),
        to: StockUnavailable,
        upcast: () => ({}),
      }),
    ).toThrow(/goes up/);
  });
});
