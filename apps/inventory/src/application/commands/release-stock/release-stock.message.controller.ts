import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, ReleaseStock, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { rejectRuleViolations } from '../../reject-rule-violations';
import { ReleaseStockCommand } from './release-stock.command';

/** The order saga gives an order's stock back: the compensation of ReserveStock (inventory.commands). */
@Controller()
export class ReleaseStockMessageController {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(ReleaseStock.name)
  async releaseStock(@Payload() envelope: Envelope<PayloadOf<typeof ReleaseStock>>, @Ctx() context: MessageContext): Promise<void> {
    await rejectRuleViolations(() => this.commands.execute(new ReleaseStockCommand(envelope.payload.orderId, causedBy(envelope), context.transaction)));
  }
}
