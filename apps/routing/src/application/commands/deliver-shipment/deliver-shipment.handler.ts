import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ShipmentResponseDto } from '../../shipment.response.dto';
import { driversAction } from '../drivers-action';
import { DeliverShipmentCommand } from './deliver-shipment.command';

/** Only a DISPATCHED shipment can be delivered (Shipment.deliver); ShipmentDelivered goes to the outbox in the same transaction. */
@CommandHandler(DeliverShipmentCommand)
export class DeliverShipmentHandler implements ICommandHandler<DeliverShipmentCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute(command: DeliverShipmentCommand): Promise<ShipmentResponseDto> {
    return driversAction(this.dataSource, command, (shipment) => shipment.deliver());
  }
}
