// `npm run read-model:rebuild [view]`: rebuild every read model, or the one named, from the event
// topics while the services keep answering (docs/patterns/cqrs.md, "Rebuilding a view").
//
// Each view belongs to one service, and only that service may touch its database, so this asks each
// service's own rebuild command (apps/<service>/src/rebuild-read-models.ts) to do the work. Talks to
// the local stack by default; <SERVICE>_DATABASE_URL, KAFKA_BROKERS and TOPIC_PREFIX point elsewhere.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Command } from 'commander';
import { findRepoRoot } from '@waybill/local-infra';

const SERVICES = ['orders', 'inventory', 'routing', 'notifications'];
const NO_SUCH_VIEW = 3; // libs/platform/src/read-models/rebuild-read-models.ts

const root = findRepoRoot();
const script = (service: string) => join(root, 'dist', 'apps', service, 'src', 'rebuild-read-models.js');
const environment = (service: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DATABASE_URL: process.env[`${service.toUpperCase()}_DATABASE_URL`] ?? `postgres://${service}:${service}@127.0.0.1:${process.env.WAYBILL_POSTGRES_PORT ?? 5432}/waybill_${service}`,
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.WAYBILL_KAFKA_PORT ?? 9092}`,
});

function viewsOf(service: string): string[] {
  const listed = spawnSync(process.execPath, [script(service), '--list'], { env: environment(service), encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`${service} could not list its views: ${listed.stderr.trim()}`);
  return listed.stdout.split('\n').filter(Boolean);
}

function rebuild(service: string, view?: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script(service), ...(view ? [view] : [])], { env: environment(service), stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const program = new Command('read-model:rebuild')
  .description('rebuild read models from the event topics while the services keep answering')
  .argument('[view]', 'one view to rebuild (default: all); --list shows them')
  .option('--list', 'list the views and the service each belongs to')
  .action(async (view: string | undefined, options: { list?: boolean }) => {
    const owners = new Map(SERVICES.flatMap((service) => viewsOf(service).map((name) => [name, service] as const)));
    if (options.list) {
      for (const [name, service] of owners) console.log(`${name.padEnd(24)} ${service}`);
      return;
    }
    if (view && !owners.has(view)) {
      console.error(`no view named ${view}; the views are: ${[...owners.keys()].join(', ')}`);
      process.exit(2);
    }
    const services = view ? [owners.get(view)!] : SERVICES.filter((service) => [...owners.values()].includes(service));
    for (const service of services) {
      const code = await rebuild(service, view);
      if (code !== 0 && code !== NO_SUCH_VIEW) process.exit(code);
    }
  });

program.parseAsync().catch((error: Error) => {
  console.error(`read-model:rebuild: ${error.message}\nIs the stack built and running (npm start)?`);
  process.exit(1);
});
