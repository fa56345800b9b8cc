import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CancelShipment, causedBy, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { CancelShipmentCommand } from './cancel-shipment.command';

/** CancelShipment from the order saga (routing.commands), in the transaction the transport opened for it. */
@Controller()
export class CancelShipmentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(CancelShipment.name)
  async cancelShipment(@Payload() envelope: Envelope<PayloadOf<typeof CancelShipment>>, @Ctx() context: MessageContext): Promise<void> {
    await this.commands.execute(new CancelShipmentCommand(envelope.payload.orderId, causedBy(envelope), context.transaction));
  }
}
