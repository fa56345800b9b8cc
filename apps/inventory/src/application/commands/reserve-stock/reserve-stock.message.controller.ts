import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, ReserveStock, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { rejectRuleViolations } from '../../reject-rule-violations';
import { ReserveStockCommand } from './reserve-stock.command';

/** The order saga asks for an order's stock (inventory.commands). */
@Controller()
export class ReserveStockMessageController {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(ReserveStock.name)
  async reserveStock(@Payload() envelope: Envelope<PayloadOf<typeof ReserveStock>>, @Ctx() context: MessageContext): Promise<void> {
    const { orderId, lines } = envelope.payload;
    await rejectRuleViolations(() => this.commands.execute(new ReserveStockCommand(orderId, lines, causedBy(envelope), context.transaction)));
  }
}
