import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Reservation } from '@waybill/inventory-domain';
import { ReadModels } from '@waybill/platform';
import { SqlReservationRepository } from '../../../infrastructure/sql-reservation.repository';
import { SqlStockItemRepository } from '../../../infrastructure/sql-stock-item.repository';
import { publishReservationEvents } from '../../publish-reservation-events';
import { publishStockLevels } from '../../publish-stock-levels';
import { ReserveStockCommand } from './reserve-stock.command';

/**
 * Reserves an order's lines, all or none, and answers StockReserved or StockUnavailable.
 *
 * Never oversold, however many orders compete for the same SKUs: the stock rows are locked before they
 * are read (`lockInSkuOrder`), so the availability the domain decides on cannot change before this
 * transaction commits; a competing order waits, then sees the new counts. Locks are taken in SKU order
 * so competing orders cannot deadlock, and `reserved <= on_hand` is a database constraint besides.
 *
 * Asked again for the same order under a new message id (a copy under the same id never gets here: the
 * inbox drops it), nothing is reserved twice: the order gets the answer it got the first time.
 *
 * Each SKU reserved gets its new level published, and the stock view takes it in this transaction
 * (read-your-writes): GET /stock/{sku} shows the reservation as soon as it commits.
 */
@CommandHandler(ReserveStockCommand)
export class ReserveStockHandler implements ICommandHandler<ReserveStockCommand> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ orderId, lines, cause, transaction }: ReserveStockCommand): Promise<void> {
    const reservations = new SqlReservationRepository(transaction);
    const stockItems = new SqlStockItemRepository(transaction);

    const known = await reservations.lockForOrder(orderId);
    if (known) {
      known.requestAgain();
      await this.readModels.projectNow(transaction, await publishReservationEvents(transaction, known, cause));
      return;
    }
    const stock = await stockItems.lockInSkuOrder(lines.map((line) => line.sku));
    const reservation = Reservation.request(orderId, lines, stock);
    await stockItems.save(stock);
    await reservations.add(reservation);
    const published = [...(await publishReservationEvents(transaction, reservation, cause)), ...(await publishStockLevels(transaction, stock, cause))];
    await this.readModels.projectNow(transaction, published);
  }
}
