// Inventory's HTTP API (DESIGN.md, "Public HTTP surface"), on the real PostgreSQL: the stock level of a
// SKU, goods received, every way a request can be wrong, and the demo catalogue the stack seeds.
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually } from '@waybill/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_CATALOGUE, seedDemoCatalogue } from './application/seed-demo-catalogue';
import { InventoryModule } from './inventory.module';
import { inventoryService } from './inventory.service-definition';
import { aSku } from './testing/saga-command.mother';

describe('inventory: the stock API', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceUnderTest(inventoryService, (env) => InventoryModule.register(env));
  });
  afterAll(() => service?.stop());

  const getStock = (sku: string) => request(service.url).get(`/stock/${sku}`);
  const receive = (sku: string, body: unknown) => request(service.url).post(`/stock/${sku}/receipts`).send(body as object);

  describe('GET /stock/{sku}', () => {
    it('answers 404 in the error shape for a SKU it has never carried', async () => {
      const sku = aSku('NEVER-SEEN');
      const response = await getStock(sku);

      expect(response.status).toBe(404);
      expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: `no stock item ${sku}` });
    });

    it.each([
      ['a space', 'TENT%202P'],
      ['a dot', 'TENT.2P'],
      ['a letter outside ASCII', 'ZELT-%C3%A4'],
      ['65 characters', 'X'.repeat(65)],
    ])('answers 400 for a SKU with %s', async (_, sku) => {
      const response = await getStock(sku);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });
  });

  describe('POST /stock/{sku}/receipts', () => {
    it('creates a SKU received for the first time and answers 200 with its stock level', async () => {
      const sku = aSku('TENT');

      const response = await receive(sku, { quantity: 12 });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ sku, onHand: 12, reserved: 0, available: 12 });
      expect((await getStock(sku)).body).toEqual({ sku, onHand: 12, reserved: 0, available: 12 });
    });

    it('adds every later receipt to what is on hand', async () => {
      const sku = aSku('STOVE');
      await receive(sku, { quantity: 5 }).expect(200);

      const response = await receive(sku, { quantity: 7 });

      expect(response.body).toEqual({ sku, onHand: 12, reserved: 0, available: 12 });
    });

    it('counts every one of many receipts arriving at once, for a SKU none of them has seen', async () => {
      const sku = aSku('LANTERN');

      const responses = await Promise.all(Array.from({ length: 10 }, () => receive(sku, { quantity: 3 })));

      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
      expect((await getStock(sku)).body).toEqual({ sku, onHand: 30, reserved: 0, available: 30 });
    });

    it.each([
      ['a quantity of 0', { quantity: 0 }],
      ['a negative quantity', { quantity: -3 }],
      ['a fractional quantity', { quantity: 1.5 }],
      ['a quantity as text', { quantity: '3' }],
      ['a quantity above one delivery', { quantity: 1_000_001 }],
      ['no quantity', {}],
      ['an unknown field', { quantity: 3, onHand: 1000 }],
      ['a list instead of an object', [{ quantity: 3 }]],
    ])('answers 400 for %s, and changes nothing', async (_, body) => {
      const sku = aSku('BOTTLE');
      await receive(sku, { quantity: 1 }).expect(200);

      const response = await receive(sku, body);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect((await getStock(sku)).body).toMatchObject({ onHand: 1 });
    });

    it('answers 400 for a malformed SKU, and creates nothing', async () => {
      const countItems = async () => (await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM stock_items`))[0].n;
      const before = await countItems();

      const response = await receive('TENT%202P', { quantity: 3 });

      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(['sku must be 1–64 letters, digits, "-" or "_"']);
      expect(await countItems()).toBe(before);
    });

    it('answers 409 when on hand would exceed what the stock counter holds', async () => {
      const sku = aSku('BOTTLE');
      const database = service.app.get(DataSource);
      // Straight into the write model: a test cannot receive two billion units one million at a time.
      await database.query(`INSERT INTO stock_items (sku, on_hand, version) VALUES ($1, 2147483000, 1)`, [sku]);

      const response = await receive(sku, { quantity: 1000 });

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(await database.query(`SELECT on_hand, version FROM stock_items WHERE sku = $1`, [sku])).toEqual([{ on_hand: 2147483000, version: 1 }]);
      expect(await database.query(`SELECT 1 FROM outbox WHERE message_key = $1`, [sku])).toEqual([]); // no level published for a refused receipt
    });
  });

  describe('GET /metrics', () => {
    const unitsReceived = async () => {
      const { text } = await request(service.url).get('/metrics').expect(200);
      return Number(/^inventory_units_received_total\{[^}]*\} (\d+)$/m.exec(text)?.[1] ?? 0);
    };

    it('counts the units received once each receipt has committed, and not a refused one', async () => {
      const before = await unitsReceived();
      const sku = aSku('HEADLAMP');

      await receive(sku, { quantity: 7 }).expect(200);
      await receive(sku, { quantity: 5 }).expect(200);
      await receive(sku, { quantity: 0 }).expect(400);

      await eventually(async () => expect(await unitsReceived()).toBe(before + 12));
    });
  });

  describe('the demo catalogue', () => {
    it('puts 8 to 12 SKUs in stock, one with nothing on hand and one scarce, and changes nothing when run again', async () => {
      const dataSource = service.app.get(DataSource);
      expect(await seedDemoCatalogue(dataSource)).toBe(`demo catalogue: ${DEMO_CATALOGUE.length} of ${DEMO_CATALOGUE.length} SKUs put in stock, 0 already there`);
      await receive('TENT-2P', { quantity: 10 }).expect(200); // real activity after the first seeding

      expect(await seedDemoCatalogue(dataSource)).toMatch(/: 0 of \d+ SKUs put in stock/);

      const levels = await Promise.all(DEMO_CATALOGUE.map(async ({ sku }) => (await getStock(sku).expect(200)).body));
      expect(levels.length).toBeGreaterThanOrEqual(8);
      expect(levels.length).toBeLessThanOrEqual(12);
      expect(levels.filter((level) => level.onHand === 0)).toHaveLength(1);
      expect(levels.some((level) => level.onHand > 0 && level.onHand <= 5)).toBe(true);
      const tents = DEMO_CATALOGUE.find((item) => item.sku === 'TENT-2P')!;
      expect(levels.find((level) => level.sku === 'TENT-2P')).toEqual({ sku: 'TENT-2P', onHand: tents.onHand + 10, reserved: 0, available: tents.onHand + 10 });
    });
  });
});
