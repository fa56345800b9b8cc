import { ConflictException, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { newFlow } from '@waybill/contracts';
import { DataSource } from 'typeorm';
import { SqlOrderRepository } from '../../../infrastructure/sql-order.repository';
import { CANCELLED, OrderFulfilment } from '../../saga/order-fulfilment.engine';
import { CancelOrderCommand } from './cancel-order.command';

/**
 * The customer cancels. The order must still be cancellable (PENDING or CONFIRMED) and its saga not past
 * the point of no return; then, in one transaction, the order becomes CANCELLED and the saga starts
 * undoing what was done (releasing stock, cancelling the shipment).
 */
@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand, void> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly saga: OrderFulfilment,
  ) {}

  execute({ orderId, correlationId }: CancelOrderCommand): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      // Read without a lock: the saga locks its own row first and then the order's (in its hook), the
      // same order every saga change takes, so a cancel and a reply can never deadlock.
      const order = await new SqlOrderRepository(tx).find(orderId, { lock: false });
      if (!order) throw new NotFoundException(`no order ${orderId}`);
      if (!order.isCancellable) throw new ConflictException(`order ${orderId} is ${order.status}: it can no longer be cancelled`);
      const outcome = await this.saga.cancel(tx, orderId, CANCELLED, newFlow(correlationId));
      if (outcome !== 'applied') throw new ConflictException(`order ${orderId} can no longer be cancelled`);
    });
  }
}
