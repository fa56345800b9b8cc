import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ShipmentResponseDto } from '../../shipment.response.dto';
import { driversAction } from '../drivers-action';
import { DispatchShipmentCommand } from './dispatch-shipment.command';

/** Only a PLANNED shipment can leave (Shipment.dispatch); ShipmentDispatched goes to the outbox in the same transaction. */
@CommandHandler(DispatchShipmentCommand)
export class DispatchShipmentHandler implements ICommandHandler<DispatchShipmentCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute(command: DispatchShipmentCommand): Promise<ShipmentResponseDto> {
    return driversAction(this.dataSource, command, (shipment) => shipment.dispatch());
  }
}
