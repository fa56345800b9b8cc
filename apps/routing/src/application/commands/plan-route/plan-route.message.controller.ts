import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, PlanRoute, type Envelope, type PayloadOf } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import { PlanRouteCommand } from './plan-route.command';

/** PlanRoute from the order saga (routing.commands). The transport has validated it and opened its transaction, inbox record included. */
@Controller()
export class PlanRouteMessageController {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(PlanRoute.name)
  async planRoute(@Payload() envelope: Envelope<PayloadOf<typeof PlanRoute>>, @Ctx() context: MessageContext): Promise<void> {
    const { orderId, destination } = envelope.payload;
    await this.commands.execute(new PlanRouteCommand(orderId, destination, causedBy(envelope), context.transaction));
  }
}
