import { Body, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { PlaceOrderCommand, type PlaceOrderResult } from './place-order.command';
import { PlaceOrderRequest } from './place-order.request.dto';

@ApiTags('orders')
@Controller('orders')
export class PlaceOrderHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 202: the order is taken (PENDING); the saga decides the rest, asynchronously. */
  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry safely: the same key and body answer the same order.' })
  @ApiAcceptedResponse({ description: '{ orderId, status: "PENDING" }' })
  place(
    @Body() body: PlaceOrderRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<PlaceOrderResult> {
    return this.commands.execute(new PlaceOrderCommand(body, idempotencyKey || undefined, String(request.id)));
  }
}
