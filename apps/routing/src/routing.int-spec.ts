// The routing service on the real Kafka broker and PostgreSQL: every message it handles (PlanRoute,
// CancelShipment) and every HTTP endpoint, with what it publishes read back from routing.events.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Kafka, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CancelShipment, deadLetterTopicOf, newFlow, PlanRoute, Topics, type Envelope } from '@waybill/contracts';
import { DeadLetterHeaders } from '@waybill/dead-letters';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually, readTopicToEnd } from '@waybill/testing';
import { RoutingModule } from './routing.module';
import { routingService } from './routing.service-definition';

type Published = Envelope<Record<string, unknown> & { orderId: string }>;

describe('routing service', () => {
  let service: ServiceUnderTest;
  let producer: Producer;

  beforeAll(async () => {
    service = await startServiceUnderTest(routingService, (env) => RoutingModule.register(env));
    producer = new Kafka({ clientId: 'routing-test', brokers: service.topics.brokers, logLevel: 0 }).producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
  });

  const topic = (name: string) => `${service.topics.prefix}${name}`;
  const send = async (envelope: Envelope<{ orderId: string }>) => {
    await producer.send({ topic: topic(Topics.routing.commands), messages: [{ key: envelope.payload.orderId, value: JSON.stringify(envelope) }] });
    return envelope;
  };
  const planRoute = (destination: string, orderId: string = randomUUID()) => send(PlanRoute.create({ orderId, destination }, newFlow()));
  const cancelShipment = (orderId: string) => send(CancelShipment.create({ orderId }, newFlow()));

  /** What routing published about an order (one key, one partition: in order), once there are `count`. */
  const publishedAbout = (orderId: string, count = 1) =>
    eventually(async () => {
      const messages = (await readTopicToEnd(topic(Topics.routing.events)))
        .filter((message) => message.key === orderId)
        .map((message) => JSON.parse(message.value!) as Published);
      expect(messages.length).toBeGreaterThanOrEqual(count);
      return messages;
    });
  const typesAbout = async (orderId: string, count: number) => (await publishedAbout(orderId, count)).map((message) => message.type);

  const shipmentRows = async (orderId: string): Promise<number> =>
    Number((await service.app.get(DataSource).query(`SELECT count(*) FROM shipments WHERE order_id = $1`, [orderId]))[0].count);

  /** A PLANNED shipment to `destination`, through the saga's own message. */
  const plannedShipment = async (destination = 'Leeds') => {
    const { payload } = await planRoute(destination);
    const [planned] = await publishedAbout(payload.orderId);
    expect(planned.type).toBe('routing.route-planned');
    return { orderId: payload.orderId, shipmentId: planned.payload.shipmentId as string };
  };

  describe('PlanRoute', () => {
    it('plans the shortest route to a city named in any case, stores a PLANNED shipment and answers RoutePlanned', async () => {
      const command = await planRoute('  mANCHESTER ');
      const { orderId } = command.payload;

      const [answer] = await publishedAbout(orderId);

      expect(answer).toMatchObject({
        type: 'routing.route-planned',
        version: 1,
        correlationId: command.correlationId,
        causationId: command.id,
        payload: {
          orderId,
          shipmentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          // Birmingham–Stoke 74 km + Stoke–Manchester 66 km; 140 km at 70 km/h = 120 min, + 45 min handling.
          route: ['Birmingham', 'Stoke-on-Trent', 'Manchester'],
          distanceKm: 140,
          etaMinutes: 165,
        },
      });
      const shipment = await request(service.url).get('/shipments').query({ orderId });
      expect(shipment.status).toBe(200);
      expect(shipment.body).toEqual({ ...answer.payload, status: 'PLANNED', timeline: [{ status: 'PLANNED', at: answer.occurredAt }] });
    });

    it('answers RouteUnavailable UNKNOWN_DESTINATION for a city the network does not know, and plans nothing', async () => {
      const { payload, id } = await planRoute('Atlantis');

      const [answer] = await publishedAbout(payload.orderId);

      expect(answer).toMatchObject({
        type: 'routing.route-unavailable',
        causationId: id,
        payload: { orderId: payload.orderId, destination: 'Atlantis', reason: 'UNKNOWN_DESTINATION' },
      });
      expect(await shipmentRows(payload.orderId)).toBe(0);
    });

    it('answers RouteUnavailable UNREACHABLE for a known city no road leads to (Shetland), and plans nothing', async () => {
      const { payload } = await planRoute('lerwick');

      const [answer] = await publishedAbout(payload.orderId);

      expect(answer).toMatchObject({ type: 'routing.route-unavailable', payload: { destination: 'lerwick', reason: 'UNREACHABLE' } });
      expect(await shipmentRows(payload.orderId)).toBe(0);
    });

    it('answers a second PlanRoute for the same order with the same shipment, and plans no second one', async () => {
      const orderId = randomUUID();
      await planRoute('York', orderId);
      const again = await planRoute('York', orderId); // a new message (new id): the inbox lets it through

      const answers = await publishedAbout(orderId, 2);

      expect(answers.map((answer) => answer.type)).toEqual(['routing.route-planned', 'routing.route-planned']);
      expect(answers[1].causationId).toBe(again.id);
      expect(answers[1].payload).toEqual(answers[0].payload);
      expect(await shipmentRows(orderId)).toBe(1);
    });
  });

  describe('CancelShipment', () => {
    it('cancels a PLANNED shipment and answers ShipmentCancelled; asked again, answers again and changes nothing', async () => {
      const { orderId, shipmentId } = await plannedShipment();

      const first = await cancelShipment(orderId);
      const second = await cancelShipment(orderId);

      const published = await publishedAbout(orderId, 3);
      expect(published.map((message) => message.type)).toEqual(['routing.route-planned', 'routing.shipment-cancelled', 'routing.shipment-cancelled']);
      expect(published[1]).toMatchObject({ causationId: first.id, payload: { orderId } });
      expect(published[2]).toMatchObject({ causationId: second.id, payload: { orderId } });
      const shipment = await request(service.url).get('/shipments').query({ orderId });
      expect(shipment.body).toMatchObject({ shipmentId, status: 'CANCELLED' });
      // A cancelled shipment never leaves the depot.
      const dispatch = await request(service.url).post(`/shipments/${shipmentId}/dispatch`);
      expect(dispatch.status).toBe(409);
    });

    it('answers ShipmentCancelled for an order that has no shipment, and creates none', async () => {
      const orderId = randomUUID();
      const command = await cancelShipment(orderId);

      const [answer] = await publishedAbout(orderId);

      expect(answer).toMatchObject({ type: 'routing.shipment-cancelled', causationId: command.id, payload: { orderId } });
      expect(await shipmentRows(orderId)).toBe(0);
    });

    it('refuses to cancel a shipment that has left the depot: the message is dead-lettered and the shipment stays DISPATCHED', async () => {
      const { orderId, shipmentId } = await plannedShipment();
      expect((await request(service.url).post(`/shipments/${shipmentId}/dispatch`)).status).toBe(202);

      const command = await cancelShipment(orderId);

      const deadLetter = await eventually(async () => {
        const found = (await readTopicToEnd(deadLetterTopicOf(topic(Topics.routing.commands)))).find((message) => message.key === orderId);
        expect(found).toBeDefined();
        return found!;
      });
      expect(JSON.parse(deadLetter.value!).id).toBe(command.id);
      expect(deadLetter.headers[DeadLetterHeaders.reason]).toBe('HANDLER_REJECTED');
      expect(deadLetter.headers[DeadLetterHeaders.error]).toBe(
        `cannot cancel the shipment of order ${orderId}: shipment ${shipmentId} is DISPATCHED: only a PLANNED shipment can be cancelled`,
      );
      // The handler has run and rolled back: nothing was published for the refused cancellation.
      expect(await typesAbout(orderId, 2)).toEqual(['routing.route-planned', 'routing.shipment-dispatched']);
      expect((await request(service.url).get('/shipments').query({ orderId })).body.status).toBe('DISPATCHED');
    });
  });

  describe('GET /network', () => {
    it('shows the depot, the cities and roads it serves, and the known cities it cannot reach', async () => {
      const response = await request(service.url).get('/network');

      expect(response.status).toBe(200);
      const { depot, cities, roads, unreachable } = response.body as {
        depot: string;
        cities: string[];
        roads: { from: string; to: string; distanceKm: number }[];
        unreachable: string[];
      };
      expect(depot).toBe('Birmingham');
      expect(cities).toEqual(expect.arrayContaining(['Birmingham', 'London', 'Glasgow', 'Plymouth', 'Newcastle upon Tyne']));
      expect(cities.length).toBeGreaterThanOrEqual(20);
      expect(unreachable.sort()).toEqual(['Belfast', 'Lerwick', 'Newry']);
      expect(roads).toContainEqual({ from: 'Birmingham', to: 'Coventry', distanceKm: 40 });
      for (const road of roads) {
        expect(cities).toContain(road.from);
        expect(cities).toContain(road.to);
      }
    });
  });

  describe('GET /shipments?orderId=', () => {
    it('answers 400 without an orderId, or with one that is not a UUID', async () => {
      for (const query of [{}, { orderId: 'order-1' }, { orderId: '' }]) {
        const response = await request(service.url).get('/shipments').query(query);

        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      }
    });

    it('answers 404 for an order that has no shipment', async () => {
      const response = await request(service.url).get('/shipments').query({ orderId: randomUUID() });

      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: expect.stringContaining('has no shipment') });
    });
  });

  describe('the driver’s actions: POST /shipments/{id}/dispatch and /deliver', () => {
    it('dispatches, then delivers, each answered 202 with the shipment and published through the outbox', async () => {
      const { orderId, shipmentId } = await plannedShipment('Plymouth');

      const dispatched = await request(service.url).post(`/shipments/${shipmentId}/dispatch`).set('x-correlation-id', 'driver-42-dispatch');
      expect(dispatched.status).toBe(202);
      expect(dispatched.body).toEqual({
        shipmentId,
        orderId,
        status: 'DISPATCHED',
        route: ['Birmingham', 'Bristol', 'Exeter', 'Plymouth'],
        // 335 km at 70 km/h = 287.1 min: past 4.5 hours, so one 45-min break, + 45 min handling → 378.
        distanceKm: 335,
        etaMinutes: 378,
      });
      const delivered = await request(service.url).post(`/shipments/${shipmentId}/deliver`);
      expect(delivered.status).toBe(202);
      expect(delivered.body).toMatchObject({ shipmentId, orderId, status: 'DELIVERED' });

      const published = await publishedAbout(orderId, 3);
      expect(published.map((message) => message.type)).toEqual(['routing.route-planned', 'routing.shipment-dispatched', 'routing.shipment-delivered']);
      expect(published[1]).toMatchObject({ correlationId: 'driver-42-dispatch', causationId: null, payload: { orderId, shipmentId } });
      expect(published[2].payload).toEqual({ orderId, shipmentId });
      expect((await request(service.url).get('/shipments').query({ orderId })).body.status).toBe('DELIVERED');
    });

    it('answers 409 when the shipment is not in the state the action needs, changing and publishing nothing', async () => {
      const { orderId, shipmentId } = await plannedShipment();
      const action = (name: 'dispatch' | 'deliver') => request(service.url).post(`/shipments/${shipmentId}/${name}`);

      const deliverPlanned = await action('deliver');
      expect(deliverPlanned.status).toBe(409);
      expect(deliverPlanned.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: `shipment ${shipmentId} is PLANNED: only a DISPATCHED shipment can be delivered`,
      });
      expect((await action('dispatch')).status).toBe(202);
      expect((await action('dispatch')).status).toBe(409); // twice
      expect((await action('deliver')).status).toBe(202);
      expect((await action('deliver')).status).toBe(409); // twice
      expect((await action('dispatch')).status).toBe(409); // after delivery

      // Every refused action wrote nothing: the outbox holds exactly one message per change, in order.
      const published = await publishedAbout(orderId, 3);
      expect(published.map((message) => message.type)).toEqual(['routing.route-planned', 'routing.shipment-dispatched', 'routing.shipment-delivered']);
      expect((await request(service.url).get('/shipments').query({ orderId })).body.status).toBe('DELIVERED');
    });

    it('answers 404 for a shipment that does not exist, whatever the id looks like', async () => {
      for (const id of [randomUUID(), 'no-such-shipment']) {
        for (const action of ['dispatch', 'deliver']) {
          const response = await request(service.url).post(`/shipments/${id}/${action}`);

          expect(response.status).toBe(404);
          expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: `Shipment ${id} not found` });
        }
      }
    });
  });
});

describe('routing service with DEPOT_CITY set', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceUnderTest(routingService, (env) => RoutingModule.register(env), { DEPOT_CITY: 'glasgow' });
  });
  afterAll(() => service?.stop());

  it('serves the network from that city', async () => {
    const response = await request(service.url).get('/network');

    expect(response.status).toBe(200);
    expect(response.body.depot).toBe('Glasgow');
    expect(response.body.cities).toContain('Inverness');
  });
});
