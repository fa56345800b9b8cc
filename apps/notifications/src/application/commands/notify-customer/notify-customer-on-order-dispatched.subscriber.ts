import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, OrderDispatched, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { NotifyCustomerCommand } from './notify-customer.command';
import { OrderNewsTranslator } from './order-news.translator';

/** When an order leaves the depot, tell its customer it is on its way. */
@Controller()
export class NotifyCustomerOnOrderDispatched {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(OrderDispatched.name)
  async notifyCustomer(@Payload() envelope: Envelope<PayloadOf<typeof OrderDispatched>>, @Ctx() context: MessageContext): Promise<void> {
    await this.commands.execute(new NotifyCustomerCommand(OrderNewsTranslator.fromOrderDispatched(envelope.payload), causedBy(envelope), context.transaction));
  }
}
