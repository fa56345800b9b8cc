import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ShipmentCancelled, type Envelope } from '@waybill/contracts';
import { MessageRejectedError, ReadModels } from '@waybill/platform';
import { ShipmentStateError } from '@waybill/routing-domain';
import { SqlShipmentRepository } from '../../../infrastructure/sql-shipment.repository';
import { publish, publishShipmentEvents } from '../../shipment-events';
import { CancelShipmentCommand } from './cancel-shipment.command';

/**
 * The saga's compensation on routing's side: the order is cancelled, so its shipment must not leave.
 * The answer is ShipmentCancelled whenever, afterwards, no shipment of the order will leave:
 *   - PLANNED: cancelled now;
 *   - CANCELLED already, or no shipment at all (the route was never planned, or its PlanRoute is still
 *     on its way): nothing to do, and the saga still gets its answer, so it can finish.
 * Once the goods have left (DISPATCHED, DELIVERED) the cancellation is refused: the saga only cancels
 * before dispatch, so this is a race the saga lost, and ShipmentDispatched is already on its way to it.
 * The message is rejected into the dead letters, where an operator sees the conflict.
 */
@CommandHandler(CancelShipmentCommand)
export class CancelShipmentHandler implements ICommandHandler<CancelShipmentCommand> {
  constructor(private readonly readModels: ReadModels) {}

  async execute(command: CancelShipmentCommand): Promise<void> {
    const answer = await this.answer(command);
    // Read-your-writes: GET /shipments shows CANCELLED when the message's transaction commits.
    await this.readModels.projectNow(command.transaction, answer);
  }

  private async answer({ orderId, cause, transaction }: CancelShipmentCommand): Promise<Envelope[]> {
    const shipments = new SqlShipmentRepository(transaction);
    const shipment = await shipments.ofOrder(orderId);
    if (!shipment || shipment.status === 'CANCELLED') {
      return publish(transaction, ShipmentCancelled.create({ orderId }, cause));
    }

    try {
      shipment.cancel();
    } catch (error) {
      if (error instanceof ShipmentStateError) throw new MessageRejectedError(`cannot cancel the shipment of order ${orderId}: ${error.message}`);
      throw error;
    }
    await shipments.save(shipment);
    return publishShipmentEvents(transaction, shipment, cause); // ShipmentCancelled
  }
}
