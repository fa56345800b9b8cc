import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Reservation } from '@waybill/inventory-domain';
import { ReadModels } from '@waybill/platform';
import { SqlReservationRepository } from '../../../infrastructure/sql-reservation.repository';
import { SqlStockItemRepository } from '../../../infrastructure/sql-stock-item.repository';
import { publishReservationEvents } from '../../publish-reservation-events';
import { publishStockLevels } from '../../publish-stock-levels';
import { ReleaseStockCommand } from './release-stock.command';

/**
 * Gives an order's reserved stock back (the saga compensates: no route, a timeout, a cancellation) and
 * answers StockReleased, always: also when there was nothing to give back, because the saga waits for
 * the answer either way. Releasing twice changes nothing the second time.
 *
 * A release for an order with no reservation yet is remembered, so that its ReserveStock, if it still
 * comes (late, or replayed from the dead letters), does not hold stock for an order that is over.
 *
 * The SKUs given back get their new levels published and shown by the stock view at once (read-your-writes).
 */
@CommandHandler(ReleaseStockCommand)
export class ReleaseStockHandler implements ICommandHandler<ReleaseStockCommand> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ orderId, cause, transaction }: ReleaseStockCommand): Promise<void> {
    const reservations = new SqlReservationRepository(transaction);
    const stockItems = new SqlStockItemRepository(transaction);

    const reservation = await reservations.lockForOrder(orderId);
    if (!reservation) {
      const released = Reservation.releaseBeforeRequest(orderId);
      await reservations.add(released);
      await this.readModels.projectNow(transaction, await publishReservationEvents(transaction, released, cause));
      return;
    }
    const stock = await stockItems.lockInSkuOrder(reservation.skus);
    reservation.release(stock);
    await stockItems.save(stock);
    await reservations.save(reservation);
    const published = [...(await publishReservationEvents(transaction, reservation, cause)), ...(await publishStockLevels(transaction, stock, cause))];
    await this.readModels.projectNow(transaction, published);
  }
}
