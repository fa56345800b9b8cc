import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReadModels } from '@waybill/platform';
import { DataSource } from 'typeorm';
import type { ShipmentResponseDto } from '../../shipment.response.dto';
import { driversAction } from '../drivers-action';
import { DeliverShipmentCommand } from './deliver-shipment.command';

/** Only a DISPATCHED shipment can be delivered (Shipment.deliver); ShipmentDelivered goes to the outbox and into the tracking view in the same transaction. */
@CommandHandler(DeliverShipmentCommand)
export class DeliverShipmentHandler implements ICommandHandler<DeliverShipmentCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readModels: ReadModels,
    private readonly eventBus: EventBus,
  ) {}

  execute(command: DeliverShipmentCommand): Promise<ShipmentResponseDto> {
    return driversAction({ dataSource: this.dataSource, readModels: this.readModels, eventBus: this.eventBus }, command, (shipment) => shipment.deliver());
  }
}
