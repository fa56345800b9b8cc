// `npm run sagas -- needs-attention`: the sagas whose compensation kept failing and that wait for a
// person (docs/patterns/saga.md, "When compensation fails"). Reads the orders database:
// ORDERS_DATABASE_URL, default the local stack's.
import { Command } from 'commander';
import { Client } from 'pg';

const databaseUrl = process.env.ORDERS_DATABASE_URL ?? 'postgres://orders:orders@127.0.0.1:5432/waybill_orders';

const program = new Command('sagas').description('Inspect sagas');
program
  .command('needs-attention')
  .description('list sagas waiting for a person, oldest first')
  .option('--json', 'one JSON object per line')
  .action(async (options: { json?: boolean }) => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ saga_id: string; saga_type: string; saga_key: string; failure_reason: string; pending_compensations: number[]; updated_at: Date }>(
        `SELECT saga_id, saga_type, saga_key, failure_reason, pending_compensations, updated_at
           FROM saga_instances WHERE status = 'NEEDS_ATTENTION' ORDER BY updated_at`,
      );
      if (options.json) return rows.forEach((row) => console.log(JSON.stringify(row)));
      if (rows.length === 0) return console.log('no saga needs attention');
      for (const row of rows) {
        console.log(`${row.updated_at.toISOString()}  ${row.saga_type}  order ${row.saga_key}  failed: ${row.failure_reason}  steps left to undo: ${row.pending_compensations.join(', ')}`);
      }
      console.log(`\n${rows.length} saga(s) need attention: check the participant named by the step, then replay its dead letters (npm run dlq).`);
    } finally {
      await client.end();
    }
  });

program.parseAsync().catch((error: Error) => {
  console.error(`sagas: ${error.message}\nIs the stack running (npm start)? Or set ORDERS_DATABASE_URL.`);
  process.exit(1);
});
