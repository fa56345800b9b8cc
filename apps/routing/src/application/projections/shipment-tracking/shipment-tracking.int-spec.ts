// The shipment-tracking view in the running routing service, on the real Kafka broker and PostgreSQL:
// read-your-writes for the saga's messages and the driver's actions, events from Kafka that come twice
// or out of order, and a rebuild that gives back the view the live projector built.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, CancelShipment, newFlow, PlanRoute, RoutePlanned, RouteUnavailable, ShipmentCancelled, ShipmentDelivered, ShipmentDispatched, Topics } from '@waybill/contracts';
import { rebuildProjection } from '@waybill/read-models';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually, readTopicToEnd } from '@waybill/testing';
import { RoutingModule } from '../../../routing.module';
import { routingService } from '../../../routing.service-definition';
import { shipmentTrackingProjection } from './shipment-tracking.projection';

const PARTITIONS = ALL_TOPICS.find((topic) => topic.name === Topics.routing.events)!.partitions;

describe('the shipment-tracking view', () => {
  let service: ServiceUnderTest;
  let database: DataSource;

  beforeAll(async () => {
    service = await startServiceUnderTest(routingService, (env) => RoutingModule.register(env));
    database = service.app.get(DataSource);
  });
  afterAll(() => service?.stop());

  const tracking = (shipmentId: string) => request(service.url).get(`/shipments/${shipmentId}`);
  const shipmentOf = (orderId: string) => request(service.url).get('/shipments').query({ orderId });
  /** Events on routing.events the projector has not applied yet (measured afresh: /health caches it for a second). */
  const lag = () => service.viewLag(shipmentTrackingProjection);
  const caughtUp = () => eventually(async () => expect(await lag()).toBe(0));
  /**
   * Holds the live projector back: it locks its checkpoint row before it applies anything, so while this
   * transaction keeps every checkpoint row of the view locked, only the commands' own transactions
   * (projectNow, which does not touch checkpoints) can change the view.
   */
  const withProjectorHeldBack = async (work: () => Promise<void>) => {
    const session = database.createQueryRunner();
    await session.connect();
    await session.startTransaction();
    try {
      for (let partition = 0; partition < PARTITIONS; partition++) {
        await session.query(
          `INSERT INTO projection_checkpoints (projection, topic, partition, next_offset) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`,
          [shipmentTrackingProjection.name, Topics.routing.events, partition],
        );
      }
      await session.query(`SELECT 1 FROM projection_checkpoints WHERE projection = $1 FOR UPDATE`, [shipmentTrackingProjection.name]);
      await work();
    } finally {
      await session.rollbackTransaction();
      await session.release();
    }
  };
  const view = async () => ({
    tracking: await database.query(`SELECT * FROM shipment_tracking ORDER BY order_id`),
    events: await database.query(`SELECT * FROM shipment_tracking_events ORDER BY event_id`),
  });
  const eventsOnKafkaAbout = async (orderId: string) =>
    (await readTopicToEnd(`${service.topics.prefix}${Topics.routing.events}`)).filter((message) => message.key === orderId).length;
  const shipmentsCounted = async (status: string) => {
    const metrics = (await request(service.url).get('/metrics')).text;
    return Number(new RegExp(`^routing_shipments_total\\{[^}]*status="${status}"[^}]*\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
  };

  /** A shipment planned through the saga's own message, once the view shows it. */
  const planned = async (destination = 'Leeds') => {
    const orderId = randomUUID();
    await service.publish(PlanRoute.create({ orderId, destination }, newFlow()));
    const response = await eventually(async () => {
      const found = await shipmentOf(orderId);
      expect(found.status).toBe(200);
      return found;
    });
    return { orderId, shipmentId: response.body.shipmentId as string };
  };

  it('read-your-writes: with the projector held back, a planned route is findable and the driver’s dispatch and delivery show at once', async () => {
    let shipmentId = '';
    let afterDelivery: request.Response | undefined;
    const dispatchedBefore = await shipmentsCounted('DISPATCHED');

    await withProjectorHeldBack(async () => {
      const shipment = await planned('Plymouth');
      shipmentId = shipment.shipmentId;

      expect((await request(service.url).post(`/shipments/${shipmentId}/dispatch`)).status).toBe(202);
      const afterDispatch = await tracking(shipmentId);

      expect(afterDispatch.status).toBe(200);
      expect(afterDispatch.body).toMatchObject({
        shipmentId,
        orderId: shipment.orderId,
        status: 'DISPATCHED',
        route: ['Birmingham', 'Bristol', 'Exeter', 'Plymouth'],
        distanceKm: 335,
        etaMinutes: 378,
        timeline: [{ status: 'PLANNED' }, { status: 'DISPATCHED' }],
      });

      expect((await request(service.url).post(`/shipments/${shipmentId}/deliver`)).status).toBe(202);
      afterDelivery = await tracking(shipmentId);

      expect(afterDelivery.body.status).toBe('DELIVERED');
      expect(afterDelivery.body.timeline.map((step: { status: string }) => step.status)).toEqual(['PLANNED', 'DISPATCHED', 'DELIVERED']);
      expect((await shipmentOf(shipment.orderId)).body).toEqual(afterDelivery.body);
      // The events did reach Kafka, where the projector has not applied them: the view came from the commands.
      await eventually(async () => expect(await eventsOnKafkaAbout(shipment.orderId)).toBe(3));
      expect(await lag()).toBeGreaterThanOrEqual(3);
    });

    await caughtUp();
    expect((await tracking(shipmentId)).body).toEqual(afterDelivery!.body); // applied again from Kafka: nothing changed
    // The driver's action reached the EventBus once it had committed.
    expect(await shipmentsCounted('DISPATCHED')).toBe(dispatchedBefore + 1);
  });

  it('a cancellation from the saga shows at once; a cancellation answered before the shipment existed cancels nothing', async () => {
    const { orderId, shipmentId } = await planned();
    await service.publish(CancelShipment.create({ orderId }, newFlow()));
    await eventually(async () => expect((await tracking(shipmentId)).body.status).toBe('CANCELLED'));

    // CancelShipment first (no shipment yet: routing answers ShipmentCancelled anyway), PlanRoute late.
    const lateOrder = randomUUID();
    await service.publish(CancelShipment.create({ orderId: lateOrder }, newFlow()), PlanRoute.create({ orderId: lateOrder, destination: 'York' }, newFlow()));
    await eventually(async () => expect(await eventsOnKafkaAbout(lateOrder)).toBe(2));
    await caughtUp();

    expect((await shipmentOf(lateOrder)).body).toMatchObject({ status: 'PLANNED', timeline: [{ status: 'PLANNED' }] });
  });

  it('takes events that come twice and out of order from Kafka, and shows what they tell once the route is known', async () => {
    const orderId = randomUUID();
    const shipmentId = randomUUID();
    const at = (minute: number) => new Date(Date.UTC(2025, 10, 22, 9, minute));
    const cause = newFlow(orderId);
    const plan = RoutePlanned.create({ orderId, shipmentId, route: ['Birmingham', 'Coventry'], distanceKm: 40, etaMinutes: 80 }, cause, { occurredAt: at(0) });
    const dispatch = ShipmentDispatched.create({ orderId, shipmentId }, cause, { occurredAt: at(10) });
    const delivery = ShipmentDelivered.create({ orderId, shipmentId }, cause, { occurredAt: at(50) });

    await service.publish(delivery, dispatch, delivery);
    await caughtUp();
    expect((await tracking(shipmentId)).status).toBe(404); // nothing to track before RoutePlanned

    await service.publish(plan, dispatch, plan);
    await caughtUp();

    expect((await tracking(shipmentId)).body).toEqual({
      shipmentId,
      orderId,
      status: 'DELIVERED',
      route: ['Birmingham', 'Coventry'],
      distanceKm: 40,
      etaMinutes: 80,
      timeline: [
        { status: 'PLANNED', at: at(0).toISOString() },
        { status: 'DISPATCHED', at: at(10).toISOString() },
        { status: 'DELIVERED', at: at(50).toISOString() },
      ],
    });
    const stored = await database.query(`SELECT count(*)::int AS count FROM shipment_tracking_events WHERE order_id = $1`, [orderId]);
    expect(stored[0].count).toBe(3); // one per event id, however often it came
  });

  it('shows no shipment for an order whose route was unavailable, nor for one that only had a cancellation', async () => {
    const [unrouted, cancelledOnly] = [randomUUID(), randomUUID()];
    await service.publish(
      RouteUnavailable.create({ orderId: unrouted, destination: 'Atlantis', reason: 'UNKNOWN_DESTINATION' }, newFlow()),
      ShipmentCancelled.create({ orderId: cancelledOnly }, newFlow()),
    );
    await caughtUp();

    expect((await shipmentOf(unrouted)).status).toBe(404);
    expect((await shipmentOf(cancelledOnly)).status).toBe(404);
    expect((await tracking('not-a-shipment-id')).status).toBe(404);
  });

  it('rebuilds from routing.events into a view equal to the live one; a second rebuild changes nothing', async () => {
    const { orderId, shipmentId } = await planned('Manchester');
    expect((await request(service.url).post(`/shipments/${shipmentId}/dispatch`)).status).toBe(202);
    await eventually(async () => expect(await eventsOnKafkaAbout(orderId)).toBe(2));
    await caughtUp();
    const live = await view();
    expect(live.tracking.length).toBeGreaterThanOrEqual(5);

    const kafka = new Kafka({ clientId: 'routing-rebuild-test', brokers: service.topics.brokers, logLevel: logLevel.NOTHING });
    const rebuild = () =>
      rebuildProjection({ projection: shipmentTrackingProjection, service: 'routing', kafka, dataSource: database, topicPrefix: service.topics.prefix, logger: pino({ level: 'silent' }) });

    const first = await rebuild();
    expect(first.eventsReplayed).toBeGreaterThanOrEqual(live.events.length); // every event on routing.events, the ignored and the duplicates too
    expect(await view()).toEqual(live);

    await rebuild();
    expect(await view()).toEqual(live);

    // The swapped-in view is the live one: the driver's next action shows in it at once.
    expect((await request(service.url).post(`/shipments/${shipmentId}/deliver`)).status).toBe(202);
    expect((await tracking(shipmentId)).body.status).toBe('DELIVERED');
  });
});
