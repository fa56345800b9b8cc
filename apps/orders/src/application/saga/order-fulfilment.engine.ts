// The order-fulfilment saga wired to the Order aggregate: what the order does when its saga moves.
import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrderCompensated, OrderNeedsAttention, type Envelope } from '@waybill/contracts';
import type { RejectionReason } from '@waybill/orders-domain';
import { addToOutbox } from '@waybill/outbox';
import { afterCommit, ReadModels, ServiceMetrics } from '@waybill/platform';
import { SagaEngine, sagaStore, type SagaCause, type SagaNotification, type StoredSaga } from '@waybill/saga';
import { PinoLogger } from 'nestjs-pino';
import { Gauge } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { SqlOrderRepository } from '../../infrastructure/sql-order.repository';
import { OrderStatusChanged } from '../events/order-status-changed.event';
import { publishOrderEvents } from '../publish-order-events';
import { orderFulfilmentSaga, orderIdOf, type OrderFulfilmentData, type SagaTimeouts } from './order-fulfilment.saga';

export const SAGA_TIMEOUTS = Symbol('SAGA_TIMEOUTS');
/** The reason a customer's cancellation gives the saga (not a rejection reason: the order ends CANCELLED). */
export const CANCELLED = 'CANCELLED';

@Injectable()
export class OrderFulfilment extends SagaEngine<OrderFulfilmentData> {
  constructor(
    @Inject(SAGA_TIMEOUTS) timeouts: SagaTimeouts,
    private readonly logger: PinoLogger,
    metrics: ServiceMetrics,
    @InjectDataSource() dataSource: DataSource,
    private readonly readModels: ReadModels,
    private readonly events: EventBus,
  ) {
    super(orderFulfilmentSaga(timeouts), (tx, saga, notification, cause) => this.onSagaMoved(tx, saga, notification, cause), orderIdOf);
    new Gauge({
      name: 'saga_needs_attention',
      help: 'Sagas waiting for a person now: their compensation kept failing (npm run sagas -- needs-attention).',
      registers: [metrics.registry],
      // Counted from the table at scrape time: right across restarts and replicas, and only once committed.
      async collect() {
        this.set(await sagaStore.countNeedingAttention(dataSource));
      },
    });
  }

  private async onSagaMoved(tx: EntityManager, saga: StoredSaga<OrderFulfilmentData>, notification: SagaNotification, cause: SagaCause): Promise<void> {
    const orders = new SqlOrderRepository(tx);
    const order = (await orders.find(saga.key))!;
    const { orderId, customerId } = saga.data;
    const now = new Date();
    switch (notification.kind) {
      case 'step-succeeded':
        if (notification.step === 'plan-route') order.confirm(saga.data.shipment!, now);
        if (notification.step === 'await-dispatch') order.markDispatched(now);
        break;
      case 'completed':
        order.markDelivered(now);
        break;
      case 'failed':
        if (notification.reason === CANCELLED) order.cancel(now);
        else order.reject(notification.reason as RejectionReason, now);
        break;
      // What the saga did about the order, not a change of the order: published for the order view and operators.
      case 'compensated':
        return this.publish(tx, OrderCompensated.create({ orderId, customerId }, cause, { occurredAt: now }));
      case 'needs-attention':
        this.logger.error({ orderId, sagaId: saga.sagaId, reason: notification.reason }, 'saga needs attention');
        return this.publish(tx, OrderNeedsAttention.create({ orderId, customerId, reason: notification.reason }, cause, { occurredAt: now }));
    }
    const changes = await orders.save(order);
    await this.readModels.projectNow(tx, await publishOrderEvents(tx, order, changes, cause));
    afterCommit(tx, () => this.events.publishAll(changes.map((event) => OrderStatusChanged.of(orderId, event))));
  }

  /** Through the outbox, and into the order view in this same transaction (read-your-writes). */
  private async publish(tx: EntityManager, envelope: Envelope<{ orderId: string }>): Promise<void> {
    await addToOutbox(tx, { envelope, key: envelope.payload.orderId });
    await this.readModels.projectNow(tx, [envelope]);
  }
}
