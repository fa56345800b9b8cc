import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service-config';
import type { ServiceDefinition } from '../service-definition';
import { dataSourceOptions } from './data-source-options';

/**
 * Brings the service's schema up to date; returns the names of the migrations it applied. `then` runs
 * afterwards on the same connection, still under the lock (e.g. seeding demo data, idempotently).
 */
export async function runMigrations(
  definition: ServiceDefinition,
  config: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_SCHEMA'>,
  then?: (dataSource: DataSource) => Promise<unknown>,
): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(definition, config));
  await dataSource.initialize();
  // Replicas starting together would otherwise race to apply the same migration. TypeORM takes no
  // lock on PostgreSQL, so hold a session-level advisory lock (on its own connection) while migrating.
  const lock = dataSource.createQueryRunner();
  const lockKey = `waybill-migrations:${config.DATABASE_SCHEMA}`;
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockKey]);
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${config.DATABASE_SCHEMA}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await then?.(dataSource);
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockKey]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy(); // closing the sessions would release the lock in any case
  }
}
