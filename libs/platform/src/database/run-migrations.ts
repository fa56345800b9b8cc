import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service-config';
import type { ServiceDefinition } from '../service-definition';
import { dataSourceOptions } from './data-source-options';

/** Brings the service's schema up to date; returns the names of the migrations it applied. */
export async function runMigrations(
  definition: ServiceDefinition,
  config: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_SCHEMA'>,
): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(definition, config));
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${config.DATABASE_SCHEMA}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
