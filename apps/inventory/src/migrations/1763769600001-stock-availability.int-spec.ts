// Upgrading a database that has stock from before the stock view existed (the local stack keeps its
// data between runs): every item must show in the view at once, and be announced on Kafka (through the
// outbox) so that a rebuild of the view finds it too.
import { StockLevelChanged, type Envelope } from '@waybill/contracts';
import { CreateInbox1763769500001 } from '@waybill/inbox';
import { CreateOutbox1763769500000 } from '@waybill/outbox';
import { projectNow } from '@waybill/read-models';
import { freshDatabase, type FreshDatabase } from '@waybill/testing';
import { DataSource } from 'typeorm';
import { stockAvailabilityProjection } from '../application/projections/stock-availability/stock-availability.projection';
import { CreateStock1763769600000 } from './1763769600000-create-stock';
import { InventoryMigrations } from './index';

describe('migration StockAvailability1763769600001 on a database with stock', () => {
  let before: FreshDatabase;
  let after: DataSource;

  beforeAll(async () => {
    // The inventory schema as it was before read models: no checkpoints, no versions, no view.
    before = await freshDatabase('inventory_upgrade', [CreateOutbox1763769500000, CreateInbox1763769500001, CreateStock1763769600000]);
    await before.dataSource.query(`INSERT INTO stock_items (sku, on_hand, reserved) VALUES ('TENT-2P', 40, 6), ('KAYAK-1P', 0, 0)`);
    after = await new DataSource({
      type: 'postgres',
      url: before.databaseUrl,
      schema: before.schema,
      migrations: InventoryMigrations,
      extra: { options: `-c search_path=${before.schema}` },
    }).initialize();
    await after.runMigrations({ transaction: 'each' }); // as runMigrations in @waybill/platform does
  });

  afterAll(async () => {
    await after?.destroy();
    await before?.drop();
  });

  it('applies what is missing, the checkpoints table included (older than the last migration applied)', async () => {
    expect(await after.query(`SELECT to_regclass('projection_checkpoints') IS NOT NULL AS present`)).toEqual([{ present: true }]);
    expect(await after.query(`SELECT sku, version FROM stock_items ORDER BY sku`)).toEqual([
      { sku: 'KAYAK-1P', version: 1 },
      { sku: 'TENT-2P', version: 1 },
    ]);
  });

  it('shows every existing item in the view at once, and puts its level in the outbox, keyed by SKU', async () => {
    expect(await after.query(`SELECT sku, on_hand, reserved, available, stock_version FROM stock_availability ORDER BY sku`)).toEqual([
      { sku: 'KAYAK-1P', on_hand: 0, reserved: 0, available: 0, stock_version: 1 },
      { sku: 'TENT-2P', on_hand: 40, reserved: 6, available: 34, stock_version: 1 },
    ]);
    const outbox: Array<{ message_key: string; message_type: string; envelope: string }> = await after.query(
      `SELECT message_key, message_type, envelope FROM outbox ORDER BY message_key`,
    );
    expect(outbox.map(({ message_key, message_type, envelope }) => ({ message_key, message_type, payload: JSON.parse(envelope).payload }))).toEqual([
      { message_key: 'KAYAK-1P', message_type: StockLevelChanged.name, payload: { sku: 'KAYAK-1P', onHand: 0, reserved: 0, stockVersion: 1 } },
      { message_key: 'TENT-2P', message_type: StockLevelChanged.name, payload: { sku: 'TENT-2P', onHand: 40, reserved: 6, stockVersion: 1 } },
    ]);
  });

  it('fills the view exactly as the projection does from those levels (so their arrival from Kafka changes nothing)', async () => {
    const filled = await after.query(`SELECT * FROM stock_availability ORDER BY sku`);
    const levels: Envelope[] = (await after.query(`SELECT envelope FROM outbox ORDER BY position`)).map((row: { envelope: string }) => JSON.parse(row.envelope));

    await after.transaction(async (tx) => {
      await tx.query(`DELETE FROM stock_availability`);
      await projectNow(tx, [stockAvailabilityProjection], levels);
    });

    expect(await after.query(`SELECT * FROM stock_availability ORDER BY sku`)).toEqual(filled);
  });
});
