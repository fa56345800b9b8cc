// "Never oversold", under real concurrency: 40 orders of 1–3 lines compete for 10 units of each of
// three SKUs. Their ReserveStock commands are spread over the topic's partitions, which the service
// handles in parallel, each in its own transaction; orders name the SKUs in random order, so without
// locks taken in one fixed order two of them could deadlock. What must hold:
//   - at every moment, reserved <= on hand for every SKU (sampled all through the run);
//   - at the end, each SKU's `reserved` is exactly the sum of its lines in RESERVED reservations;
//   - every order is answered exactly once, StockReserved or StockUnavailable, and a refused order
//     holds nothing (all lines or none);
//   - nothing failed along the way: no dead letters;
//   - the stock view (GET /stock/{sku}) shows exactly the write model's counts, both as the last
//     reservation commits (read-your-writes) and once the projector has taken every level from Kafka.
import { randomUUID } from 'node:crypto';
import { StockLevelChanged, Topics, type Envelope } from '@waybill/contracts';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually, readTopicToEnd, type ReadMessage } from '@waybill/testing';
import { Kafka, type Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { stockAvailabilityProjection } from './application/projections/stock-availability/stock-availability.projection';
import { InventoryModule } from './inventory.module';
import { inventoryService } from './inventory.service-definition';
import { aSku, SagaCommandMother as Command } from './testing/saga-command.mother';

const ORDERS = 40;
const UNITS_PER_SKU = 10;

/** A deterministic "random" (a linear congruential generator), so a failing run can be repeated exactly. */
function seededRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

/** An answer to the saga, as opposed to a stock level published for the stock view. */
const isAnswer = (message: ReadMessage): boolean => (JSON.parse(message.value!) as Envelope).type !== StockLevelChanged.type;

interface StockRow {
  sku: string;
  on_hand: number;
  reserved: number;
}

describe('inventory under competing reservations', () => {
  let service: ServiceUnderTest;
  let kafka: Kafka;
  let producer: Producer;
  let database: DataSource;

  beforeAll(async () => {
    service = await startServiceUnderTest(inventoryService, (env) => InventoryModule.register(env));
    kafka = new Kafka({ clientId: 'inventory-test', brokers: service.topics.brokers, logLevel: 0 });
    producer = kafka.producer();
    await producer.connect();
    database = service.app.get(DataSource);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
  });

  /** The write model's counts and the stock view's, side by side, per SKU. */
  const writeAndView = async (skus: string[]) => ({
    write: await database.query(`SELECT sku, on_hand, reserved, version FROM stock_items WHERE sku = ANY($1) ORDER BY sku`, [skus]),
    view: await database.query(
      `SELECT sku, on_hand, reserved, stock_version AS version FROM stock_availability WHERE sku = ANY($1) ORDER BY sku`,
      [skus],
    ),
  });
  const viewLag = () => service.viewLag(stockAvailabilityProjection);

  it('never oversells, and answers every order exactly once', async () => {
    const skus = [aSku('TENT'), aSku('STOVE'), aSku('FILTER')];
    for (const sku of skus) await request(service.url).post(`/stock/${sku}/receipts`).send({ quantity: UNITS_PER_SKU }).expect(200);
    const random = seededRandom(42);
    const commands = Array.from({ length: ORDERS }, () => {
      const shuffled = [...skus].sort(() => random(3) - 1);
      return Command.reserve(shuffled.slice(0, 1 + random(3)).map((sku) => ({ sku, quantity: 1 + random(3) })), randomUUID());
    });

    // Watch the counts while the orders are handled: reserved must never exceed on hand, not even for a moment.
    const breaches: StockRow[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const rows: StockRow[] = await database.query(`SELECT sku, on_hand, reserved FROM stock_items WHERE sku = ANY($1)`, [skus]);
        breaches.push(...rows.filter((row) => row.reserved > row.on_hand || row.reserved < 0));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const sent = await producer.send({
      topic: `${service.topics.prefix}${Topics.inventory.commands}`,
      messages: commands.map((command) => ({ key: command.payload.orderId, value: JSON.stringify(command) })),
    });
    expect(new Set(sent.map((record) => record.partition)).size).toBeGreaterThan(1);

    // Every order has its reservation (held or refused) once all 40 transactions have committed.
    const orderIds = commands.map((command) => command.payload.orderId);
    await eventually(
      async () => {
        const [{ count }] = await database.query(`SELECT count(*)::int AS count FROM reservations WHERE order_id = ANY($1::uuid[])`, [orderIds]);
        expect(count).toBe(ORDERS);
      },
      { timeoutMs: 60_000 },
    );
    watching = false;
    await watcher;

    expect(breaches).toEqual([]);

    // The books add up: each SKU's `reserved` is the sum of the lines held for it, and never more than on hand.
    const books: Array<StockRow & { held: number }> = await database.query(
      `SELECT s.sku, s.on_hand, s.reserved, coalesce(sum(l.quantity) FILTER (WHERE r.status = 'RESERVED'), 0)::int AS held
         FROM stock_items s
         LEFT JOIN reservation_lines l ON l.sku = s.sku
         LEFT JOIN reservations r ON r.order_id = l.order_id
        WHERE s.sku = ANY($1)
        GROUP BY s.sku, s.on_hand, s.reserved`,
      [skus],
    );
    expect(books).toHaveLength(skus.length);
    for (const row of books) {
      expect(row.reserved).toBe(row.held);
      expect(row.on_hand).toBe(UNITS_PER_SKU);
      expect(row.reserved).toBeLessThanOrEqual(row.on_hand);
    }

    // Every order answered exactly once, in the outbox that the answers are published from.
    const answers: Array<{ orderId: string; type: string; envelope: string }> = await database.query(
      `SELECT message_key AS "orderId", message_type AS type, envelope FROM outbox WHERE message_key = ANY($1)`,
      [orderIds],
    );
    const answersByOrder = new Map(orderIds.map((orderId) => [orderId, answers.filter((answer) => answer.orderId === orderId)]));
    for (const [orderId, ofOrder] of answersByOrder) {
      expect({ orderId, answers: ofOrder.length }).toEqual({ orderId, answers: 1 });
      expect(['inventory.stock-reserved.v1', 'inventory.stock-unavailable.v1']).toContain(ofOrder[0].type);
    }

    // All or none: a refused order holds no line; a held order holds exactly what it asked for.
    const outcome = await database.query(
      `SELECT r.order_id AS "orderId", r.status, count(l.sku)::int AS lines
         FROM reservations r LEFT JOIN reservation_lines l ON l.order_id = r.order_id
        WHERE r.order_id = ANY($1::uuid[]) GROUP BY r.order_id, r.status`,
      [orderIds],
    );
    for (const command of commands) {
      const { status, lines } = outcome.find((row: { orderId: string }) => row.orderId === command.payload.orderId);
      const answer = JSON.parse(answersByOrder.get(command.payload.orderId)![0].envelope) as Envelope;
      expect({ status, lines, answer: answer.type }).toEqual(
        status === 'RESERVED'
          ? { status, lines: command.payload.lines.length, answer: 'inventory.stock-reserved' }
          : { status: 'REFUSED', lines: 0, answer: 'inventory.stock-unavailable' },
      );
    }
    // 40 orders of about 4 units each want far more than 30 units: some are held, some refused.
    expect(outcome.filter((row: { status: string }) => row.status === 'RESERVED').length).toBeGreaterThan(0);
    expect(outcome.filter((row: { status: string }) => row.status === 'REFUSED').length).toBeGreaterThan(0);

    // The stock view agrees with the write model the moment the last reservation has committed:
    // every reservation applied its own levels to the view in its transaction (read-your-writes).
    const { write, view } = await writeAndView(skus);
    expect(view).toEqual(write);

    // And what was published reached Kafka, one answer per order, with nothing dead-lettered on the way.
    const published = await eventually(async () => {
      const messages = await readTopicToEnd(`${service.topics.prefix}${Topics.inventory.events}`);
      expect(messages.filter(isAnswer)).toHaveLength(ORDERS);
      return messages;
    });
    expect(new Set(published.filter(isAnswer).map((message) => message.key))).toEqual(new Set(orderIds));
    expect(await readTopicToEnd(`${service.topics.prefix}${Topics.inventory.commands}.dlq`)).toEqual([]);

    // Once the projector has taken every level from Kafka too (in whatever order, some twice), the view still agrees.
    await eventually(async () => expect(await viewLag()).toBe(0));
    expect(await writeAndView(skus)).toEqual({ write, view: write });
  });
});
