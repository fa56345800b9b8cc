import { createHash, randomUUID } from 'node:crypto';
import { UnprocessableEntityException } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { newFlow } from '@waybill/contracts';
import { Order } from '@waybill/orders-domain';
import { afterCommit, ReadModels } from '@waybill/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { SqlOrderRepository } from '../../../infrastructure/sql-order.repository';
import { OrderStatusChanged } from '../../events/order-status-changed.event';
import { publishOrderEvents } from '../../publish-order-events';
import { OrderFulfilment } from '../../saga/order-fulfilment.engine';
import { PlaceOrderCommand, type PlaceOrderResult } from './place-order.command';

/**
 * Places an order: in ONE transaction, the order (PENDING), its OrderPlaced event, the order view's row,
 * the saga instance and the saga's first command (ReserveStock) are written; the outbox relay publishes
 * the messages after the commit. Either all of it happens or none of it, and once the 202 is sent,
 * GET /orders/{orderId} answers PENDING (read-your-writes, docs/patterns/cqrs.md).
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, PlaceOrderResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly saga: OrderFulfilment,
    private readonly readModels: ReadModels,
    private readonly events: EventBus,
  ) {}

  execute({ request, idempotencyKey, correlationId }: PlaceOrderCommand): Promise<PlaceOrderResult> {
    return this.dataSource.transaction(async (tx) => {
      const orderId = randomUUID();
      if (idempotencyKey) {
        const earlier = await this.claimIdempotencyKey(tx, idempotencyKey, request, orderId);
        if (earlier) return { orderId: earlier, status: 'PENDING' }; // the same request again: the same order
      }
      const order = Order.place({ orderId, customerId: request.customerId, lines: request.lines, destination: request.destination, at: new Date() });
      const cause = newFlow(correlationId);
      const placed = await new SqlOrderRepository(tx).save(order);
      const published = await publishOrderEvents(tx, order, placed, cause);
      const { customerId, lines, destination } = order.snapshot();
      await this.saga.start(tx, orderId, { orderId, customerId, lines, destination }, cause);
      // Last, because the order view's writers take turns (order-view.projection.ts): hold the turn briefly.
      await this.readModels.projectNow(tx, published);
      afterCommit(tx, () => this.events.publishAll(placed.map((event) => OrderStatusChanged.of(orderId, event))));
      return { orderId, status: 'PENDING' };
    });
  }

  /**
   * Records the key, or finds it taken. Two concurrent requests with one key meet at the primary key:
   * the second waits for the first to commit, then reads its order. Returns the earlier order's id.
   */
  private async claimIdempotencyKey(tx: EntityManager, key: string, request: unknown, orderId: string): Promise<string | undefined> {
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const claimed: unknown[] = await tx.query(
      `INSERT INTO idempotency_keys (idempotency_key, request_hash, order_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING order_id`,
      [key, requestHash, orderId],
    );
    if (claimed.length === 1) return undefined;
    const [earlier]: Array<{ request_hash: string; order_id: string }> = await tx.query(
      `SELECT request_hash, order_id FROM idempotency_keys WHERE idempotency_key = $1`,
      [key],
    );
    if (earlier.request_hash !== requestHash) {
      throw new UnprocessableEntityException('this Idempotency-Key was already used for a different request');
    }
    return earlier.order_id;
  }
}
