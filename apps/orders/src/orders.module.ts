import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule } from '@waybill/platform';
import { z } from 'zod';
import { CancelOrderHandler } from './application/commands/cancel-order/cancel-order.handler';
import { CancelOrderHttpController } from './application/commands/cancel-order/cancel-order.http.controller';
import { PlaceOrderHandler } from './application/commands/place-order/place-order.handler';
import { PlaceOrderHttpController } from './application/commands/place-order/place-order.http.controller';
import { CountOrdersOnOrderStatusChanged } from './application/events/count-orders/count-orders-on-order-status-changed.handler';
import { GetOperationsOverviewHandler } from './application/queries/get-operations-overview/get-operations-overview.handler';
import { GetOperationsOverviewHttpController } from './application/queries/get-operations-overview/get-operations-overview.http.controller';
import { GetOrderHandler } from './application/queries/get-order/get-order.handler';
import { GetOrderHttpController } from './application/queries/get-order/get-order.http.controller';
import { ListOrdersHandler } from './application/queries/list-orders/list-orders.handler';
import { ListOrdersHttpController } from './application/queries/list-orders/list-orders.http.controller';
import { OrderFulfilment, SAGA_TIMEOUTS } from './application/saga/order-fulfilment.engine';
import { OrderFulfilmentRepliesController } from './application/saga/order-fulfilment.replies.controller';
import { SagaDeadlineWatcher } from './application/saga/saga-deadline.watcher';
import { ordersService } from './orders.service-definition';

/** The saga's deadlines, from the environment (tests shorten them to see TIMEOUT quickly). */
const sagaTimeouts = z.object({
  SAGA_STEP_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  SAGA_COMPENSATION_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

@Module({})
export class OrdersModule {
  /** `env` is a parameter so tests can start the service against their own schema and topics. */
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const timeouts = sagaTimeouts.parse(env);
    return {
      module: OrdersModule,
      imports: [PlatformModule.forRoot(ordersService, env), CqrsModule.forRoot()],
      controllers: [
        PlaceOrderHttpController,
        CancelOrderHttpController,
        GetOrderHttpController,
        ListOrdersHttpController,
        GetOperationsOverviewHttpController,
        OrderFulfilmentRepliesController,
      ],
      providers: [
        { provide: SAGA_TIMEOUTS, useValue: { stepMs: timeouts.SAGA_STEP_TIMEOUT_MS, compensationMs: timeouts.SAGA_COMPENSATION_TIMEOUT_MS } },
        OrderFulfilment,
        SagaDeadlineWatcher,
        PlaceOrderHandler,
        CancelOrderHandler,
        GetOrderHandler,
        ListOrdersHandler,
        GetOperationsOverviewHandler,
        CountOrdersOnOrderStatusChanged,
      ],
    };
  }
}
