import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, OrderDelivered, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { NotifyCustomerCommand } from './notify-customer.command';
import { OrderNewsTranslator } from './order-news.translator';

/** When an order is delivered, tell its customer. */
@Controller()
export class NotifyCustomerOnOrderDelivered {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(OrderDelivered.name)
  async notifyCustomer(@Payload() envelope: Envelope<PayloadOf<typeof OrderDelivered>>, @Ctx() context: MessageContext): Promise<void> {
    await this.commands.execute(new NotifyCustomerCommand(OrderNewsTranslator.fromOrderDelivered(envelope.payload), causedBy(envelope), context.transaction));
  }
}
