import { loadDatabaseConfig } from '../config/service-config';
import { runMigrations } from '../database/run-migrations';
import type { ServiceDefinition } from '../service-definition';

/** For each service's migrate.ts: apply pending migrations and say which, or why it could not. */
export function migrateService(definition: ServiceDefinition): void {
  Promise.resolve()
    .then(() => runMigrations(definition, loadDatabaseConfig(definition.name)))
    .then((applied) => {
      console.log(`${definition.name}: ${applied.length === 0 ? 'schema up to date' : `applied ${applied.join(', ')}`}`);
    })
    .catch((error: Error) => {
      console.error(`${definition.name}: migration failed: ${error.message}`);
      process.exit(1);
    });
}
