import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule } from '@waybill/platform';
import { Depot } from '@waybill/routing-domain';
import { CancelShipmentHandler } from './application/commands/cancel-shipment/cancel-shipment.handler';
import { CancelShipmentMessageController } from './application/commands/cancel-shipment/cancel-shipment.message.controller';
import { DeliverShipmentHandler } from './application/commands/deliver-shipment/deliver-shipment.handler';
import { DeliverShipmentHttpController } from './application/commands/deliver-shipment/deliver-shipment.http.controller';
import { DispatchShipmentHandler } from './application/commands/dispatch-shipment/dispatch-shipment.handler';
import { DispatchShipmentHttpController } from './application/commands/dispatch-shipment/dispatch-shipment.http.controller';
import { PlanRouteHandler } from './application/commands/plan-route/plan-route.handler';
import { PlanRouteMessageController } from './application/commands/plan-route/plan-route.message.controller';
import { CountShipmentsOnShipmentStatusChanged } from './application/events/count-shipments-on-shipment-status-changed.subscriber';
import { GetNetworkHandler } from './application/queries/get-network/get-network.handler';
import { GetNetworkHttpController } from './application/queries/get-network/get-network.http.controller';
import { GetShipmentOfOrderHandler } from './application/queries/get-shipment-of-order/get-shipment-of-order.handler';
import { GetShipmentOfOrderHttpController } from './application/queries/get-shipment-of-order/get-shipment-of-order.http.controller';
import { GetShipmentTrackingHandler } from './application/queries/get-shipment-tracking/get-shipment-tracking.handler';
import { GetShipmentTrackingHttpController } from './application/queries/get-shipment-tracking/get-shipment-tracking.http.controller';
import { depotFromEnvironment } from './routing.config';
import { routingService } from './routing.service-definition';

@Module({})
export class RoutingModule {
  /** `env` is a parameter so tests can start the service against their own schema and topics. */
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const platform = PlatformModule.forRoot(routingService, env);
    const depot = depotFromEnvironment(env); // checked at start: a bad DEPOT_CITY stops the service, naming it
    return {
      module: RoutingModule,
      imports: [platform, CqrsModule.forRoot()],
      controllers: [
        // Messages (routing.commands, from the order saga)
        PlanRouteMessageController,
        CancelShipmentMessageController,
        // HTTP
        GetNetworkHttpController,
        GetShipmentOfOrderHttpController,
        GetShipmentTrackingHttpController,
        DispatchShipmentHttpController,
        DeliverShipmentHttpController,
      ],
      providers: [
        { provide: Depot, useValue: depot },
        PlanRouteHandler,
        CancelShipmentHandler,
        DispatchShipmentHandler,
        DeliverShipmentHandler,
        GetNetworkHandler,
        GetShipmentOfOrderHandler,
        GetShipmentTrackingHandler,
        // In-process reactions after a commit (EventBus)
        CountShipmentsOnShipmentStatusChanged,
      ],
    };
  }
}
