import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RouteUnavailable, type Envelope } from '@waybill/contracts';
import { ReadModels } from '@waybill/platform';
import { Depot, Shipment } from '@waybill/routing-domain';
import { randomUUID } from 'node:crypto';
import { SqlShipmentRepository } from '../../../infrastructure/sql-shipment.repository';
import { integrationEventOf, publish, publishShipmentEvents } from '../../shipment-events';
import { PlanRouteCommand } from './plan-route.command';

/**
 * Step 3 of the order saga, on routing's side: the shortest route from the depot to the order's city
 * becomes a PLANNED shipment, answered with RoutePlanned; or, when there is no route, RouteUnavailable
 * (the saga then compensates). The answer goes through the outbox, in the message's transaction.
 */
@CommandHandler(PlanRouteCommand)
export class PlanRouteHandler implements ICommandHandler<PlanRouteCommand> {
  constructor(
    private readonly depot: Depot,
    private readonly readModels: ReadModels,
  ) {}

  async execute(command: PlanRouteCommand): Promise<void> {
    const answer = await this.answer(command);
    // Read-your-writes: the planned shipment is in the tracking view when the message's transaction commits.
    await this.readModels.projectNow(command.transaction, answer);
  }

  private async answer({ orderId, destination, cause, transaction }: PlanRouteCommand): Promise<Envelope[]> {
    const shipments = new SqlShipmentRepository(transaction);

    // One shipment per order. A second PlanRoute for the order (the saga asking again after a timeout,
    // or a replay from the dead letters) is answered with the shipment it already has, whatever its
    // state, and plans nothing new. The inbox only catches the *same* message twice; this catches a
    // new message asking the same thing.
    const existing = await shipments.ofOrder(orderId);
    if (existing) {
      // RoutePlanned, exactly as the first time.
      const { shipmentId, route } = existing;
      return publish(transaction, integrationEventOf({ type: 'ShipmentPlanned', shipmentId, orderId, route }, cause));
    }

    const quote = this.depot.planRouteTo(destination);
    if (!quote.planned) {
      return publish(transaction, RouteUnavailable.create({ orderId, destination, reason: quote.reason }, cause));
    }

    const shipment = Shipment.plan({ shipmentId: randomUUID(), orderId, route: quote.route });
    await shipments.add(shipment);
    return publishShipmentEvents(transaction, shipment, cause); // ShipmentPlanned → RoutePlanned
  }
}
