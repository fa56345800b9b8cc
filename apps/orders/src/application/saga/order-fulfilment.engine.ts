// The order-fulfilment saga wired to the Order aggregate: what the order does when its saga moves.
import { Inject, Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@waybill/platform';
import type { RejectionReason } from '@waybill/orders-domain';
import { SagaEngine, sagaStore, type SagaCause, type SagaNotification, type StoredSaga } from '@waybill/saga';
import { PinoLogger } from 'nestjs-pino';
import { Gauge } from 'prom-client';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SqlOrderRepository } from '../../infrastructure/sql-order.repository';
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
      case 'compensated':
        await tx.query(`INSERT INTO order_history (order_id, at, type) VALUES ($1, $2, 'Compensated')`, [saga.key, now]);
        return;
      case 'needs-attention':
        await tx.query(`INSERT INTO order_history (order_id, at, type) VALUES ($1, $2, 'NeedsAttention')`, [saga.key, now]);
        this.logger.error({ orderId: saga.key, sagaId: saga.sagaId, reason: notification.reason }, 'saga needs attention');
        return;
    }
    await publishOrderEvents(tx, order, await orders.save(order), cause);
  }
}
