// The customer-notifications view against its history, on the real Kafka broker and PostgreSQL: rebuilt
// from notifications.events (what `npm run read-model:rebuild customer-notifications` does while the
// service runs), it is the view the service built live; rebuilding it again changes nothing.
import { rebuildProjection } from '@waybill/read-models';
import { eventually } from '@waybill/testing';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { notificationsService } from '../../../notifications.service-definition';
import { notificationsUnderTest } from '../../../testing/notifications-under-test';
import { anOrder, OrderEventMother } from '../../../testing/order-event.mother';
import { CustomerNotificationsProjection } from './customer-notifications.projection';

describe('the customer-notifications view, rebuilt from notifications.events', () => {
  const service = notificationsUnderTest();
  const database = () => service().app.get(DataSource);
  const view = () => database().query(`SELECT * FROM customer_notifications ORDER BY notification_id`);
  const rebuild = () =>
    rebuildProjection({
      projection: notificationsService.projections!.find((projection) => projection instanceof CustomerNotificationsProjection)!,
      service: notificationsService.name,
      kafka: new Kafka({ clientId: 'notifications-rebuild-test', brokers: service().topics.brokers, logLevel: logLevel.NOTHING }),
      dataSource: database(),
      topicPrefix: service().topics.prefix,
      logger: pino({ level: 'silent' }),
    });

  it('equals the live view (a lost row comes back), and a second rebuild changes nothing', async () => {
    const orders = [anOrder(), anOrder(), anOrder()];
    for (const order of orders) {
      const confirmed = OrderEventMother.confirmed(order);
      // A copy and a republished copy: the view must still hold one row per fact after a replay of it all.
      await service().publish(confirmed, confirmed, OrderEventMother.republished(confirmed), OrderEventMother.dispatched(order), OrderEventMother.delivered(order));
    }
    const notifications = orders.length * 3;
    // Everything on Kafka, so the rebuild replays it all (rather than taking some from the outbox).
    await eventually(async () => {
      const [{ published }] = await database().query(`SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published FROM outbox`);
      expect(published).toBe(notifications);
    });
    const live = await view();
    expect(live).toHaveLength(notifications);
    // A view lost or suspected corrupt is what a rebuild is for (docs/patterns/cqrs.md).
    await database().query(`DELETE FROM customer_notifications WHERE notification_id = $1`, [live[0].notification_id]);

    const first = await rebuild();

    expect(first.eventsReplayed).toBe(notifications);
    expect(await view()).toEqual(live);

    const second = await rebuild();

    expect(second.eventsReplayed).toBe(notifications);
    expect(await view()).toEqual(live);
  });
});
