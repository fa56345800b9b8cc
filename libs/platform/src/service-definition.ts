// What makes one Waybill service different from another, in one place. Everything else (configuration,
// logging, health, metrics, the database connection, the Kafka consumer) is the same for every service
// and lives in this library, so a service's own folder holds only its domain and use cases.
import type { Projection } from '@waybill/read-models';
import type { MixedList } from 'typeorm';

export interface ServiceDefinition {
  /** Also the Kafka client id and consumer group, the database role and the `service` log field. */
  readonly name: string;
  /** The HTTP port of the design's public surface; PORT overrides it. */
  readonly defaultPort: number;
  /** The topics this service consumes (unprefixed names from @waybill/contracts). */
  readonly consumes: readonly string[];
  /**
   * The read models its queries read (docs/patterns/cqrs.md). Each is projected from events by its own
   * consumer group, shown in /health and /metrics, and rebuilt by `npm run read-model:rebuild`.
   */
  readonly projections?: readonly Projection[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function>;
}
