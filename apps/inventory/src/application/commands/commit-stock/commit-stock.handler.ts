import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NoReservation } from '@waybill/inventory-domain';
import { ReadModels } from '@waybill/platform';
import { SqlReservationRepository } from '../../../infrastructure/sql-reservation.repository';
import { SqlStockItemRepository } from '../../../infrastructure/sql-stock-item.repository';
import { publishReservationEvents } from '../../publish-reservation-events';
import { publishStockLevels } from '../../publish-stock-levels';
import { CommitStockCommand } from './commit-stock.command';

/**
 * The shipment left the depot: on hand and reserved go down by the order's reserved lines, and the
 * answer is StockCommitted. Committing twice changes nothing the second time, and answers the same.
 * An order with no reservation, or a released or refused one, has no stock to commit: the domain
 * refuses, and the message is dead-lettered for a human.
 *
 * The SKUs shipped get their new levels published and shown by the stock view at once (read-your-writes).
 */
@CommandHandler(CommitStockCommand)
export class CommitStockHandler implements ICommandHandler<CommitStockCommand> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ orderId, cause, transaction }: CommitStockCommand): Promise<void> {
    const reservations = new SqlReservationRepository(transaction);
    const stockItems = new SqlStockItemRepository(transaction);

    const reservation = await reservations.lockForOrder(orderId);
    if (!reservation) throw new NoReservation(orderId);
    const stock = await stockItems.lockInSkuOrder(reservation.skus);
    reservation.commit(stock);
    await stockItems.save(stock);
    await reservations.save(reservation);
    const published = [...(await publishReservationEvents(transaction, reservation, cause)), ...(await publishStockLevels(transaction, stock, cause))];
    await this.readModels.projectNow(transaction, published);
  }
}
