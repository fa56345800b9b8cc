import { loadDatabaseConfig } from '../config/service-config';
import { runMigrations } from '../database/run-migrations';
import type { DataSource } from 'typeorm';
import type { ServiceDefinition } from '../service-definition';

/**
 * For each service's migrate.ts: apply pending migrations and say which, or why it could not.
 * With SEED_DEMO_DATA=true (`npm start` sets it), `seedDemoData` then puts the service's demo data in
 * place; it must be idempotent, since every start runs it.
 */
export function migrateService(definition: ServiceDefinition, seedDemoData?: (dataSource: DataSource) => Promise<string>): void {
  let seeded: string | undefined;
  const seed = seedDemoData && process.env.SEED_DEMO_DATA === 'true' ? async (dataSource: DataSource) => (seeded = await seedDemoData(dataSource)) : undefined;
  Promise.resolve()
    .then(() => runMigrations(definition, loadDatabaseConfig(definition.name), seed))
    .then((applied) => {
      console.log(`${definition.name}: ${applied.length === 0 ? 'schema up to date' : `applied ${applied.join(', ')}`}${seeded ? `; ${seeded}` : ''}`);
    })
    .catch((error: Error) => {
      console.error(`${definition.name}: migration failed: ${error.message}`);
      process.exit(1);
    });
}
