import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CancelOrderCommand } from './cancel-order.command';

@ApiTags('orders')
@Controller('orders')
export class CancelOrderHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 202 while cancellable (PENDING or CONFIRMED), 409 otherwise, 404 for an unknown order. */
  @Post(':orderId/cancel')
  @HttpCode(202)
  async cancel(@Param('orderId', new ParseUUIDPipe()) orderId: string, @Req() request: Request): Promise<{ orderId: string; status: 'CANCELLED' }> {
    await this.commands.execute(new CancelOrderCommand(orderId, String(request.id)));
    return { orderId, status: 'CANCELLED' };
  }
}
