// The participants' answers, handed to the saga. One method per reply, so the subscriptions read like
// the saga's diagram; each runs in the message's transaction (inbox, saga state, order, outbox, order view).
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  RoutePlanned,
  RouteUnavailable,
  ShipmentCancelled,
  ShipmentDelivered,
  ShipmentDispatched,
  StockReleased,
  StockReserved,
  StockUnavailable,
  type Envelope,
} from '@waybill/contracts';
import { MessageContext, ReadModels } from '@waybill/platform';
import { OrderFulfilment } from './order-fulfilment.engine';

@Controller()
export class OrderFulfilmentRepliesController {
  constructor(
    private readonly saga: OrderFulfilment,
    private readonly readModels: ReadModels,
  ) {}

  @EventPattern(StockReserved.name)
  stockReserved(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.handle(reply, context);
  }

  @EventPattern(StockUnavailable.name)
  stockUnavailable(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.handle(reply, context);
  }

  @EventPattern(StockReleased.name)
  stockReleased(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.handle(reply, context);
  }

  @EventPattern(RoutePlanned.name)
  routePlanned(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.handle(reply, context);
  }

  @EventPattern(RouteUnavailable.name)
  routeUnavailable(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.handle(reply, context);
  }

  @EventPattern(ShipmentCancelled.name)
  shipmentCancelled(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.handle(reply, context);
  }

  @EventPattern(ShipmentDispatched.name)
  shipmentDispatched(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.handle(reply, context);
  }

  @EventPattern(ShipmentDelivered.name)
  shipmentDelivered(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.handle(reply, context);
  }

  /**
   * The reply goes into the order view with what it did to the order, in one transaction: a CONFIRMED
   * order shows its route (from RoutePlanned) at once, not when the projector gets to routing.events.
   * The projector applies the reply again later, which changes nothing.
   */
  private async handle(reply: Envelope, context: MessageContext): Promise<void> {
    await this.saga.onReply(context.transaction, reply);
    await this.readModels.projectNow(context.transaction, [reply]);
  }
}
