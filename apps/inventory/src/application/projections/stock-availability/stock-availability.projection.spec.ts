// The projection's own rules, without a database: what it ignores, where it writes, what it computes.
// That a higher version wins and a lower one changes nothing is SQL, tested against PostgreSQL in
// stock-availability.projection.int-spec.ts.
import { newFlow, StockLevelChanged, StockReserved } from '@waybill/contracts';
import type { ViewTransaction } from '@waybill/read-models';
import { availableOf, stockAvailabilityProjection } from './stock-availability.projection';

function recordingView() {
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  const view: ViewTransaction = {
    table: (name) => `${name}__rebuild`,
    query: async <Row>(sql: string, parameters: unknown[] = []) => {
      statements.push({ sql, parameters });
      return [] as Row[];
    },
  };
  return { view, statements };
}

describe('the stock-availability projection', () => {
  it('ignores every event but StockLevelChanged (the answers to the saga share its topic)', async () => {
    const { view, statements } = recordingView();
    const orderId = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';

    await stockAvailabilityProjection.apply(view, StockReserved.create({ orderId, lines: [{ sku: 'TENT-2P', quantity: 1 }] }, newFlow(orderId)));

    expect(statements).toEqual([]);
  });

  it('writes the level, with its version, to the table the view transaction names (a rebuild’s shadow here): inserted if new, else only over a lower version', async () => {
    const { view, statements } = recordingView();
    const level = StockLevelChanged.create({ sku: 'TENT-2P', onHand: 9, reserved: 4, stockVersion: 7 }, newFlow());

    await stockAvailabilityProjection.apply(view, level);

    const [insert, update] = statements;
    expect(statements).toHaveLength(2);
    expect(insert!.sql).toMatch(/INSERT INTO stock_availability__rebuild .* ON CONFLICT \(sku\) DO NOTHING/s);
    expect(update!.sql).toMatch(/UPDATE stock_availability__rebuild SET .* WHERE sku = \$1 AND stock_version < \$5/s);
    expect(statements.every(({ sql }) => !/\bstock_availability\b(?!__rebuild)/.test(sql))).toBe(true);
    const row = ['TENT-2P', 9, 4, 5, 7, level.occurredAt]; // available = 9 − 4
    expect(statements.map(({ parameters }) => parameters)).toEqual([row, row]);
  });

  it.each([
    [10, 3, 7],
    [3, 3, 0],
    [2, 5, 0], // cannot come from inventory, which never oversells; the view still shows no negative stock
  ])('shows %i on hand with %i reserved as %i available', (onHand, reserved, available) => {
    expect(availableOf(onHand, reserved)).toBe(available);
  });
});
