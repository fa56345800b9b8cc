import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, OrderCancelled, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { NotifyCustomerCommand } from './notify-customer.command';
import { OrderNewsTranslator } from './order-news.translator';

/** When an order is cancelled at its customer's request, confirm it to them. */
@Controller()
export class NotifyCustomerOnOrderCancelled {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(OrderCancelled.name)
  async notifyCustomer(@Payload() envelope: Envelope<PayloadOf<typeof OrderCancelled>>, @Ctx() context: MessageContext): Promise<void> {
    await this.commands.execute(new NotifyCustomerCommand(OrderNewsTranslator.fromOrderCancelled(envelope.payload), causedBy(envelope), context.transaction));
  }
}
