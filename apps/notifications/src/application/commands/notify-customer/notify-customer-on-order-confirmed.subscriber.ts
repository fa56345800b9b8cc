import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, OrderConfirmed, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { NotifyCustomerCommand } from './notify-customer.command';
import { OrderNewsTranslator } from './order-news.translator';

/** When orders confirms an order (stock reserved, route planned), tell its customer how far it travels and how long it takes. */
@Controller()
export class NotifyCustomerOnOrderConfirmed {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(OrderConfirmed.name)
  async notifyCustomer(@Payload() envelope: Envelope<PayloadOf<typeof OrderConfirmed>>, @Ctx() context: MessageContext): Promise<void> {
    await this.commands.execute(new NotifyCustomerCommand(OrderNewsTranslator.fromOrderConfirmed(envelope.payload), causedBy(envelope), context.transaction));
  }
}
