// The participants' answers, handed to the saga. One method per reply, so the subscriptions read like
// the saga's diagram; each runs in the message's transaction (inbox, saga state, order, outbox).
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
import { MessageContext } from '@waybill/platform';
import { OrderFulfilment } from './order-fulfilment.engine';

@Controller()
export class OrderFulfilmentRepliesController {
  constructor(private readonly saga: OrderFulfilment) {}

  @EventPattern(StockReserved.name)
  stockReserved(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.saga.onReply(context.transaction, reply);
  }

  @EventPattern(StockUnavailable.name)
  stockUnavailable(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.saga.onReply(context.transaction, reply);
  }

  @EventPattern(StockReleased.name)
  stockReleased(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.saga.onReply(context.transaction, reply);
  }

  @EventPattern(RoutePlanned.name)
  routePlanned(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.saga.onReply(context.transaction, reply);
  }

  @EventPattern(RouteUnavailable.name)
  routeUnavailable(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.saga.onReply(context.transaction, reply);
  }

  @EventPattern(ShipmentCancelled.name)
  shipmentCancelled(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.saga.onReply(context.transaction, reply);
  }

  @EventPattern(ShipmentDispatched.name)
  shipmentDispatched(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.saga.onReply(context.transaction, reply);
  }

  @EventPattern(ShipmentDelivered.name)
  shipmentDelivered(@Payload() reply: Envelope, @Ctx() context: MessageContext) {
    return this.saga.onReply(context.transaction, reply);
  }
}
