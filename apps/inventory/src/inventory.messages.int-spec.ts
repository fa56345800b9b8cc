// Inventory's side of the order saga, on the real Kafka broker and PostgreSQL: every command of
// inventory.commands, its answer on inventory.events (through the outbox), what it did to the stock, and
// what a second copy does (nothing, except answer again). Stock is put in through the HTTP API, each
// test on SKUs of its own.
import { randomUUID } from 'node:crypto';
import { StockLevelChanged, Topics, type Envelope } from '@waybill/contracts';
import { DeadLetterHeaders } from '@waybill/dead-letters';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually, readTopicToEnd } from '@waybill/testing';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { InventoryModule } from './inventory.module';
import { inventoryService } from './inventory.service-definition';
import { aSku, SagaCommandMother as Command } from './testing/saga-command.mother';

interface Reply extends Envelope<Record<string, unknown>> {
  key: string | null;
}

describe('inventory: the saga’s commands and their answers', () => {
  let service: ServiceUnderTest;
  let producer: Producer;
  let listener: Consumer;
  const replies: Reply[] = [];

  beforeAll(async () => {
    // Some tests make the service dead-letter a command on purpose; its error log would only be noise here.
    service = await startServiceUnderTest(inventoryService, (env) => InventoryModule.register(env), { LOG_LEVEL: 'fatal' });
    const kafka = new Kafka({ clientId: 'inventory-test', brokers: service.topics.brokers, logLevel: 0 });
    producer = kafka.producer();
    listener = kafka.consumer({ groupId: `inventory-test-${randomUUID()}` });
    await Promise.all([producer.connect(), listener.connect()]);
    await listener.subscribe({ topic: `${service.topics.prefix}${Topics.inventory.events}`, fromBeginning: true });
    await listener.run({ eachMessage: async ({ message }) => void replies.push({ ...JSON.parse(message.value!.toString()), key: message.key?.toString() ?? null }) });
  });

  afterAll(async () => {
    await Promise.all([producer?.disconnect(), listener?.disconnect()]);
    await service?.stop();
  });

  const send = (...envelopes: Array<Envelope<{ orderId: string }>>) =>
    producer.send({
      topic: `${service.topics.prefix}${Topics.inventory.commands}`,
      messages: envelopes.map((envelope) => ({ key: envelope.payload.orderId, value: JSON.stringify(envelope) })),
    });
  /** Every answer to one command (by causation: the answer names the command that caused it). */
  const answersTo = (command: Envelope) => replies.filter((reply) => reply.causationId === command.id && reply.type !== StockLevelChanged.type);
  /** The stock levels a command published: also caused by it, but keyed by SKU, for the stock view. */
  const levelsAfter = (command: Envelope) => replies.filter((reply) => reply.causationId === command.id && reply.type === StockLevelChanged.type);
  const answerTo = (command: Envelope) =>
    eventually(async () => {
      expect(answersTo(command)).toHaveLength(1);
      return answersTo(command)[0];
    });
  const receive = async (sku: string, quantity: number) => {
    await request(service.url).post(`/stock/${sku}/receipts`).send({ quantity }).expect(200);
  };
  const stockOf = async (sku: string) => (await request(service.url).get(`/stock/${sku}`).expect(200)).body;
  const database = () => service.app.get(DataSource);
  const reservationOf = async (orderId: string) => {
    const [row] = await database().query(`SELECT status FROM reservations WHERE order_id = $1`, [orderId]);
    const lines = await database().query(`SELECT sku, quantity FROM reservation_lines WHERE order_id = $1 ORDER BY sku`, [orderId]);
    return row ? { status: row.status, lines } : undefined;
  };
  const deadLetterOf = (command: Envelope) =>
    eventually(async () => {
      const letters = await readTopicToEnd(`${service.topics.prefix}${Topics.inventory.commands}.dlq`);
      const letter = letters.find((message) => message.value?.includes(command.id));
      expect(letter).toBeDefined();
      return letter!;
    });

  describe('ReserveStock', () => {
    it('reserves every line and answers StockReserved, in the order’s flow and on its key', async () => {
      const [tent, stove] = [aSku('TENT'), aSku('STOVE')];
      await receive(tent, 5);
      await receive(stove, 2);
      const command = Command.reserve([
        { sku: tent, quantity: 2 },
        { sku: stove, quantity: 2 },
      ]);

      await send(command);

      const answer = await answerTo(command);
      expect(answer).toMatchObject({
        type: 'inventory.stock-reserved',
        correlationId: command.correlationId,
        key: command.payload.orderId,
        payload: { orderId: command.payload.orderId, lines: expect.arrayContaining(command.payload.lines) },
      });
      expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 5, reserved: 2, available: 3 });
      expect(await stockOf(stove)).toEqual({ sku: stove, onHand: 2, reserved: 2, available: 0 });
      expect(await reservationOf(command.payload.orderId)).toEqual({ status: 'RESERVED', lines: expect.arrayContaining(command.payload.lines) });
    });

    it('answers StockUnavailable for a SKU it has never carried (0 available), and holds none of the other lines', async () => {
      const [tent, unknown] = [aSku('TENT'), aSku('NEVER-SEEN')];
      await receive(tent, 5);
      const command = Command.reserve([
        { sku: tent, quantity: 1 },
        { sku: unknown, quantity: 2 },
      ]);

      await send(command);

      expect(await answerTo(command)).toMatchObject({
        type: 'inventory.stock-unavailable',
        payload: { orderId: command.payload.orderId, missing: [{ sku: unknown, requested: 2, available: 0 }] },
      });
      expect(await stockOf(tent)).toMatchObject({ reserved: 0, available: 5 });
      expect(await reservationOf(command.payload.orderId)).toEqual({ status: 'REFUSED', lines: [] });
    });

    it('answers StockUnavailable with what was short when there is not enough', async () => {
      const filter = aSku('FILTER');
      await receive(filter, 2);
      const command = Command.reserve([{ sku: filter, quantity: 5 }]);

      await send(command);

      expect((await answerTo(command)).payload).toEqual({ orderId: command.payload.orderId, missing: [{ sku: filter, requested: 5, available: 2 }] });
      expect(await stockOf(filter)).toEqual({ sku: filter, onHand: 2, reserved: 0, available: 2 });
    });

    it('reserves once for a command delivered twice, and answers a repeat under a new id the same way', async () => {
      const lantern = aSku('LANTERN');
      await receive(lantern, 10);
      const command = Command.reserve([{ sku: lantern, quantity: 3 }]);
      const repeat = Command.again(command);

      await send(command, command, repeat); // one key, one partition: the repeat is handled after both copies

      const repeated = await answerTo(repeat);
      expect(answersTo(command)).toHaveLength(1); // the second copy was dropped by the inbox: no second answer
      expect(repeated.payload).toEqual(answersTo(command)[0].payload);
      expect(await stockOf(lantern)).toMatchObject({ reserved: 3, available: 7 });
    });

    it('answers a refused order the same way when it asks again, even after more stock arrived', async () => {
      const kayak = aSku('KAYAK');
      await receive(kayak, 1);
      const command = Command.reserve([{ sku: kayak, quantity: 2 }]);
      await send(command);
      await answerTo(command);
      await receive(kayak, 5);

      const repeat = Command.again(command);
      await send(repeat);

      // The saga rejected the order on the first answer; holding stock for it now would hold it for ever.
      expect(await answerTo(repeat)).toMatchObject({ type: 'inventory.stock-unavailable', payload: { missing: [{ sku: kayak, requested: 2, available: 1 }] } });
      expect(await stockOf(kayak)).toMatchObject({ onHand: 6, reserved: 0 });
    });
  });

  describe('ReleaseStock', () => {
    it('gives the order’s lines back and answers StockReleased', async () => {
      const tent = aSku('TENT');
      await receive(tent, 4);
      const reserve = Command.reserve([{ sku: tent, quantity: 3 }]);
      const release = Command.release(reserve.payload.orderId);

      await send(reserve, release);

      expect(await answerTo(release)).toMatchObject({ type: 'inventory.stock-released', causationId: release.id, payload: { orderId: reserve.payload.orderId } });
      expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 4, reserved: 0, available: 4 });
      expect((await reservationOf(reserve.payload.orderId))?.status).toBe('RELEASED');
    });

    it('gives back only once when released twice, and answers both times; other orders keep their stock', async () => {
      const tent = aSku('TENT');
      await receive(tent, 10);
      const mine = Command.reserve([{ sku: tent, quantity: 3 }]);
      const theirs = Command.reserve([{ sku: tent, quantity: 4 }]);
      const release = Command.release(mine.payload.orderId);
      const releaseAgain = Command.again(release);
      await send(theirs);
      await answerTo(theirs);

      await send(mine, release, release, releaseAgain);

      expect(await answerTo(releaseAgain)).toMatchObject({ type: 'inventory.stock-released' });
      expect(answersTo(release)).toHaveLength(1);
      expect(await stockOf(tent)).toMatchObject({ reserved: 4, available: 6 });
    });

    it('answers StockReleased for an order that reserved nothing, and never reserves for it afterwards', async () => {
      const tent = aSku('TENT');
      await receive(tent, 5);
      const orderId = randomUUID();
      const release = Command.release(orderId);
      const lateReserve = Command.reserve([{ sku: tent, quantity: 1 }], orderId); // e.g. replayed from the dead letters

      await send(release, lateReserve);

      expect(await answerTo(release)).toMatchObject({ type: 'inventory.stock-released', payload: { orderId } });
      const letter = await deadLetterOf(lateReserve);
      expect(letter.headers[DeadLetterHeaders.reason]).toBe('HANDLER_REJECTED');
      expect(letter.headers[DeadLetterHeaders.error]).toContain('ReservationAlreadyReleased');
      expect(answersTo(lateReserve)).toEqual([]);
      expect(await stockOf(tent)).toMatchObject({ reserved: 0, available: 5 });
    });

    it('answers StockReleased for a refused order, which holds nothing', async () => {
      const reserve = Command.reserve([{ sku: aSku('NEVER-SEEN'), quantity: 1 }]);
      const release = Command.release(reserve.payload.orderId);

      await send(reserve, release);

      expect(await answerTo(release)).toMatchObject({ type: 'inventory.stock-released' });
      expect((await reservationOf(reserve.payload.orderId))?.status).toBe('REFUSED');
    });
  });

  describe('the stock levels it publishes (StockLevelChanged, what the stock view is projected from)', () => {
    const levelsOf = (replies: Reply[]) =>
      replies.map(({ key, payload }) => ({ key, payload })).sort((a, b) => String(a.key).localeCompare(String(b.key)));

    it('publishes the new level of every SKU a command changed, keyed by SKU, with the item’s version raised', async () => {
      const skus = [aSku('TENT'), aSku('STOVE'), aSku('MAT')].sort();
      for (const sku of skus) await receive(sku, 5); // listed (version 1), then received (version 2)
      const reserve = Command.reserve(skus.map((sku) => ({ sku, quantity: 2 })));
      const commit = Command.commit(reserve.payload.orderId);

      await send(reserve, commit);

      await answerTo(commit);
      await eventually(async () => expect(levelsAfter(commit)).toHaveLength(skus.length));
      expect(levelsOf(levelsAfter(reserve))).toEqual(skus.map((sku) => ({ key: sku, payload: { sku, onHand: 5, reserved: 2, stockVersion: 3 } })));
      expect(levelsOf(levelsAfter(commit))).toEqual(skus.map((sku) => ({ key: sku, payload: { sku, onHand: 3, reserved: 0, stockVersion: 4 } })));
      expect(levelsAfter(commit).every((level) => level.correlationId === commit.correlationId)).toBe(true);
    });

    it('publishes no level for a command that changed no stock: a refused reservation, a release of nothing', async () => {
      const tent = aSku('TENT');
      await receive(tent, 1);
      const refused = Command.reserve([{ sku: tent, quantity: 2 }]);
      const release = Command.release(refused.payload.orderId);

      await send(refused, release);

      await answerTo(release);
      // Read from the outbox, where a level would have been written in the command's own transaction.
      const levels = await database().query(`SELECT message_id FROM outbox WHERE message_type = $1 AND message_key = $2`, [StockLevelChanged.name, tent]);
      expect(levels).toHaveLength(1); // the receipt's, and no other
      expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 1, reserved: 0, available: 1 });
    });
  });

  describe('CommitStock', () => {
    it('takes the reserved stock off the shelf and answers StockCommitted', async () => {
      const [tent, stove] = [aSku('TENT'), aSku('STOVE')];
      await receive(tent, 5);
      await receive(stove, 3);
      const reserve = Command.reserve([
        { sku: tent, quantity: 2 },
        { sku: stove, quantity: 3 },
      ]);
      const commit = Command.commit(reserve.payload.orderId);

      await send(reserve, commit);

      expect(await answerTo(commit)).toMatchObject({ type: 'inventory.stock-committed', causationId: commit.id, payload: { orderId: reserve.payload.orderId } });
      expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 3, reserved: 0, available: 3 });
      expect(await stockOf(stove)).toEqual({ sku: stove, onHand: 0, reserved: 0, available: 0 });
      expect((await reservationOf(reserve.payload.orderId))?.status).toBe('COMMITTED');
    });

    it('takes the stock off once when committed twice, and answers both times', async () => {
      const tent = aSku('TENT');
      await receive(tent, 5);
      const reserve = Command.reserve([{ sku: tent, quantity: 2 }]);
      const commit = Command.commit(reserve.payload.orderId);
      const commitAgain = Command.again(commit);

      await send(reserve, commit, commit, commitAgain);

      expect(await answerTo(commitAgain)).toMatchObject({ type: 'inventory.stock-committed' });
      expect(answersTo(commit)).toHaveLength(1);
      expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 3, reserved: 0, available: 3 });
    });

    it('dead-letters a commit of released stock, and changes nothing', async () => {
      const tent = aSku('TENT');
      await receive(tent, 5);
      const reserve = Command.reserve([{ sku: tent, quantity: 2 }]);
      const release = Command.release(reserve.payload.orderId);
      const commit = Command.commit(reserve.payload.orderId);

      await send(reserve, release, commit);

      const letter = await deadLetterOf(commit);
      expect(letter.headers).toMatchObject({ [DeadLetterHeaders.reason]: 'HANDLER_REJECTED', [DeadLetterHeaders.attempts]: '1' });
      expect(letter.headers[DeadLetterHeaders.error]).toContain('ReservationNotCommittable');
      expect(answersTo(commit)).toEqual([]);
      expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 5, reserved: 0, available: 5 });
    });

    it('dead-letters a commit for an order that never reserved', async () => {
      const commit = Command.commit(randomUUID());

      await send(commit);

      expect((await deadLetterOf(commit)).headers[DeadLetterHeaders.error]).toContain('NoReservation');
    });
  });
});
