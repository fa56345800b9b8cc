import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, CommitStock, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { rejectRuleViolations } from '../../reject-rule-violations';
import { CommitStockCommand } from './commit-stock.command';

/** The order saga reports the shipment dispatched: its reserved stock leaves the shelf (inventory.commands). */
@Controller()
export class CommitStockMessageController {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(CommitStock.name)
  async commitStock(@Payload() envelope: Envelope<PayloadOf<typeof CommitStock>>, @Ctx() context: MessageContext): Promise<void> {
    await rejectRuleViolations(() => this.commands.execute(new CommitStockCommand(envelope.payload.orderId, causedBy(envelope), context.transaction)));
  }
}
