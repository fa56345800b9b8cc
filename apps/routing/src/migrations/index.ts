import { CreateShipments1763769600000 } from './1763769600000-create-shipments';

/** In order. Listed explicitly (no glob) so the build, the tests and the migrate command see the same set. */
export const RoutingMigrations = [CreateShipments1763769600000];
