import type { DataSourceOptions } from 'typeorm';
import type { ServiceConfig } from '../config/service-config';
import type { ServiceDefinition } from '../service-definition';

/**
 * The one place a service's TypeORM connection is described, shared by the running service and by its
 * migration command. The schema is never synchronised from the entities: every change is a migration
 * that a reviewer can read and that runs the same way on a laptop and in production.
 */
export function dataSourceOptions(definition: ServiceDefinition, config: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_SCHEMA'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    applicationName: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Without it, tables TypeORM creates in DATABASE_SCHEMA would not be found by unqualified queries.
    extra: { options: `-c search_path=${config.DATABASE_SCHEMA}` },
  };
}
