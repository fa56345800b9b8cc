import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, OrderRejected, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { NotifyCustomerCommand } from './notify-customer.command';
import { OrderNewsTranslator } from './order-news.translator';

/** When orders rejects an order, tell its customer why (out of stock, no route, or no answer in time). */
@Controller()
export class NotifyCustomerOnOrderRejected {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(OrderRejected.name)
  async notifyCustomer(@Payload() envelope: Envelope<PayloadOf<typeof OrderRejected>>, @Ctx() context: MessageContext): Promise<void> {
    await this.commands.execute(new NotifyCustomerCommand(OrderNewsTranslator.fromOrderRejected(envelope.payload), causedBy(envelope), context.transaction));
  }
}
