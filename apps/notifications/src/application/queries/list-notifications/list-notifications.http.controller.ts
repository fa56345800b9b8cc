import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListNotificationsQuery } from './list-notifications.query';
import { ListNotificationsRequestDto } from './list-notifications.request.dto';
import { NotificationResponseDto } from './notification.response.dto';

@ApiTags('notifications')
@Controller('notifications')
export class ListNotificationsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'What the customer was told about an order: one row per fact, oldest first ([] if nothing yet).' })
  @ApiOkResponse({ type: NotificationResponseDto, isArray: true })
  @ApiBadRequestResponse({ description: 'orderId is missing or not a UUID.' })
  list(@Query() request: ListNotificationsRequestDto): Promise<NotificationResponseDto[]> {
    return this.queries.execute(new ListNotificationsQuery(request.orderId));
  }
}
