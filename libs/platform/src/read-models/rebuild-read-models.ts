// For each service's rebuild-read-models.ts (run by `npm run read-model:rebuild`, tools/read-models):
// rebuild the service's views, or one of them, from the event topics while the service keeps running.
import { rebuildProjection } from '@waybill/read-models';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { loadServiceConfig } from '../config/service-config';
import { dataSourceOptions } from '../database/data-source-options';
import type { ServiceDefinition } from '../service-definition';

/** Exit code for "this service has no view of that name" (the tool then asks the next service). */
export const NO_SUCH_VIEW = 3;

/** `args`: `--list` prints the service's views; a view name rebuilds that view; nothing rebuilds them all. */
export function rebuildReadModels(definition: ServiceDefinition, args: string[] = process.argv.slice(2)): void {
  const projections = definition.projections ?? [];
  if (args[0] === '--list') {
    for (const projection of projections) console.log(projection.name);
    return;
  }
  const chosen = args[0] ? projections.filter((projection) => projection.name === args[0]) : projections;
  if (chosen.length === 0) {
    if (args[0]) console.error(`${definition.name}: no view named ${args[0]} (views here: ${projections.map((p) => p.name).join(', ') || 'none'})`);
    process.exitCode = args[0] ? NO_SUCH_VIEW : 0;
    return;
  }
  const run = async () => {
    const config = loadServiceConfig(definition.name, definition.defaultPort);
    const logger = pino({ level: 'warn', base: { service: definition.name, component: 'rebuild' } }, pino.destination(2));
    const dataSource = await new DataSource(dataSourceOptions(definition, config)).initialize();
    const kafka = new Kafka({ clientId: `${definition.name}-rebuild`, brokers: config.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    try {
      for (const projection of chosen) {
        await rebuildProjection({
          projection,
          service: definition.name,
          kafka,
          dataSource,
          topicPrefix: config.TOPIC_PREFIX,
          logger,
          progress: (line) => console.log(`${definition.name}: ${line}`),
        });
      }
    } finally {
      await dataSource.destroy();
    }
  };
  run().catch((error: Error) => {
    console.error(`${definition.name}: rebuild failed: ${error.message}\nThe live views are unchanged. Is the stack running (npm start)?`);
    process.exit(1);
  });
}
