import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReadModels } from '@waybill/platform';
import { DataSource } from 'typeorm';
import type { ShipmentResponseDto } from '../../shipment.response.dto';
import { driversAction } from '../drivers-action';
import { DispatchShipmentCommand } from './dispatch-shipment.command';

/** Only a PLANNED shipment can leave (Shipment.dispatch); ShipmentDispatched goes to the outbox and into the tracking view in the same transaction. */
@CommandHandler(DispatchShipmentCommand)
export class DispatchShipmentHandler implements ICommandHandler<DispatchShipmentCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readModels: ReadModels,
    private readonly eventBus: EventBus,
  ) {}

  execute(command: DispatchShipmentCommand): Promise<ShipmentResponseDto> {
    return driversAction({ dataSource: this.dataSource, readModels: this.readModels, eventBus: this.eventBus }, command, (shipment) => shipment.dispatch());
  }
}
