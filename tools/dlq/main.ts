// `npm run dlq -- <command>`: look at, replay and purge dead letters (docs/patterns/dead-letters.md).
// Talks to KAFKA_BROKERS (default: the local stack's broker); TOPIC_PREFIX scopes it like the services.
import { Command, Option } from 'commander';
import { listDeadLetters, purgeDeadLetters, replayDeadLetters, type DeadLetter, type DeadLetterFilter } from '@waybill/dead-letters';
import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = process.env.TOPIC_PREFIX ?? '';
// Quiet and quick to give up: this command reports a connection problem itself, in one line.
const kafka = new Kafka({ clientId: 'waybill-dlq-cli', brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } });

/** `2026-11-22T10:00:00Z`, or a duration back from now: `30m`, `2h`, `7d`. */
function parseTime(value: string): Date {
  const relative = /^(\d+)([smhd])$/.exec(value);
  if (relative) {
    const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(Date.now() - Number(relative[1]) * unitMs);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`"${value}" is neither a time (2026-11-22T10:00:00Z) nor a duration (30m, 2h, 7d)`);
  return date;
}

const filterOptions = (command: Command) =>
  command
    .option('--topic <topic>', 'the original topic, e.g. inventory.commands')
    .option('--type <type>', 'message type, e.g. inventory.reserve-stock.v1')
    .addOption(new Option('--reason <reason>').choices(['MALFORMED_JSON', 'SCHEMA_INVALID', 'UNKNOWN_TYPE', 'HANDLER_REJECTED', 'HANDLER_FAILED']))
    .option('--since <time>', 'dead-lettered at or after (ISO time, or 30m / 2h / 7d ago)', parseTime)
    .option('--until <time>', 'dead-lettered at or before', parseTime);

function printTable(letters: DeadLetter[]): void {
  if (letters.length === 0) return console.log('no dead letters match');
  const rows = letters.map((letter) => [
    letter.ref,
    letter.deadLetteredAt.toISOString().replace('T', ' ').slice(0, 19),
    letter.reason,
    letter.messageType ?? '(not an envelope)',
    letter.error.replace(/\s+/g, ' ').slice(0, 60),
  ]);
  const header = ['REF', 'DEAD-LETTERED (UTC)', 'REASON', 'TYPE', 'ERROR'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  console.log(`\n${letters.length} dead letter(s). \`npm run dlq -- show <REF>\` for one in full.`);
}

async function selected(refs: string[], filter: DeadLetterFilter): Promise<DeadLetter[]> {
  const letters = await listDeadLetters(kafka, filter, prefix);
  if (refs.length === 0) return letters;
  const chosen = letters.filter((letter) => refs.includes(letter.ref) || refs.includes(letter.messageId ?? ''));
  const missing = refs.filter((ref) => !chosen.some((letter) => letter.ref === ref || letter.messageId === ref));
  if (missing.length > 0) throw new Error(`no dead letter ${missing.join(', ')} (refs look like inventory.commands.dlq:0:12, or give a message id)`);
  return chosen;
}

const program = new Command('dlq').description('Inspect, replay and purge dead letters').showHelpAfterError();

filterOptions(program.command('list').description('list dead letters, oldest first'))
  .option('--json', 'one JSON object per line')
  .action(async (options: DeadLetterFilter & { json?: boolean }) => {
    const letters = await listDeadLetters(kafka, options, prefix);
    if (options.json) letters.forEach((letter) => console.log(JSON.stringify(letter)));
    else printTable(letters);
  });

program
  .command('show')
  .description('one dead letter in full: headers, error, stack and the original message')
  .argument('<ref>', 'a REF from `list`, or the message id')
  .action(async (ref: string) => {
    const [letter] = await selected([ref], {});
    console.log(JSON.stringify({ ...letter, value: safeJson(letter.value) }, null, 2));
  });

filterOptions(
  program
    .command('replay')
    .description('send dead letters back to their original topic under new ids (all that match the filters, or the REFs given)')
    .argument('[refs...]', 'REFs or message ids; none = every letter that matches the filters'),
).action(async (refs: string[], options: DeadLetterFilter) => {
  const letters = await selected(refs, options);
  const { replayed, skipped } = await replayDeadLetters(kafka, letters);
  console.log(`replayed ${replayed.length} dead letter(s) to their original topics`);
  for (const letter of skipped) console.log(`skipped ${letter.ref}: not an envelope (${letter.reason}); fix the producer, then purge it`);
});

program
  .command('purge')
  .description('delete the dead letters of one topic (all, or those written before --before)')
  .requiredOption('--topic <topic>', 'the original topic, e.g. inventory.commands')
  .option('--before <time>', 'only letters written before this time (ISO, or 30m / 2h / 7d ago)', parseTime)
  .action(async (options: { topic: string; before?: Date }) => {
    const dlqTopic = `${options.topic.startsWith(prefix) ? options.topic : `${prefix}${options.topic}`}.dlq`;
    const removed = await purgeDeadLetters(kafka, dlqTopic, options.before);
    console.log(`purged ${removed} dead letter(s) from ${dlqTopic}`);
  });

function safeJson(value: string | null): unknown {
  try {
    return JSON.parse(value ?? '');
  } catch {
    return value;
  }
}

program.parseAsync().catch((error: Error) => {
  console.error(`dlq: ${error.message}`);
  if (/ECONNREFUSED|connect/i.test(error.message)) console.error(`Is Kafka running at ${brokers.join(',')}? Start the stack (npm start) or set KAFKA_BROKERS.`);
  process.exit(1);
});
