// Renders the generated AsyncAPI document as docs/asyncapi.md: a page a learner can browse, per topic,
// its owner, who sends and who receives, and each message with a table of its payload fields and a
// complete example envelope. Rendered from the document itself, so the page and the JSON cannot differ.
import type { AsyncApiDocument, AsyncApiMessage } from './asyncapi-document';
import type { JsonSchema } from './json-schema';

export function renderAsyncApiMarkdown(document: AsyncApiDocument): string {
  const lines: string[] = [
    '<!-- GENERATED from libs/contracts: do not edit; npm run contracts:docs -->',
    '',
    `# ${document.info.title} (AsyncAPI ${document.asyncapi})`,
    '',
    '> Generated from `libs/contracts` by `npm run contracts:docs`: edit the contracts, not this page. The',
    '> machine-readable document is [asyncapi.json](asyncapi.json); why messages look the way they do is in',
    '> [patterns/contracts.md](patterns/contracts.md).',
    '',
    'Every Kafka value is the JSON envelope (`id`, `type`, `version`, `occurredAt`, `correlationId`,',
    "`causationId`, `traceparent`, `payload`); the tables below describe each message's `payload`.",
    '',
    '| topic | owner | sent by | received by | messages |',
    '|---|---|---|---|---|',
  ];
  for (const [id, channel] of Object.entries(document.channels)) {
    lines.push(
      `| [\`${channel.address}\`](#${anchor(id)}) | ${channel['x-owner']} | ${servicesOn(document, id, 'send')} | ` +
        `${servicesOn(document, id, 'receive')} | ${Object.keys(channel.messages).length} |`,
    );
  }
  for (const [id, channel] of Object.entries(document.channels)) {
    lines.push('', `## ${channel.address}`, '', channel.description, '');
    lines.push(
      `- sent by: ${servicesOn(document, id, 'send')}`,
      `- received by: ${servicesOn(document, id, 'receive')}`,
    );
    for (const name of Object.keys(channel.messages))
      lines.push('', ...renderMessage(document.components.messages[name]));
  }
  return `${lines.join('\n')}\n`;
}

function renderMessage(message: AsyncApiMessage): string[] {
  const payload = (message.payload['properties'] as Record<string, JsonSchema>)['payload'];
  return [
    `### ${message.name}`,
    '',
    `${message.summary} Its payload (no fields other than these):`,
    '',
    '| field | type | required | rules |',
    '|---|---|---|---|',
    ...fieldRows(payload, '').map((row) => `| ${row.join(' | ')} |`),
    '',
    '```json',
    JSON.stringify(message.examples[0].payload, null, 2),
    '```',
  ];
}

/** One row per field, nested ones flattened: `lines[].sku`. */
function fieldRows(schema: JsonSchema, prefix: string): string[][] {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const row = [`\`${path}\``, typeOf(property), required.has(name) ? 'yes' : 'no', rulesOf(property)];
    const items = property['items'] as JsonSchema | undefined;
    const nested =
      property['type'] === 'object'
        ? fieldRows(property, `${path}.`)
        : items?.['type'] === 'object'
          ? fieldRows(items, `${path}[].`)
          : [];
    return [row, ...nested];
  });
}

function typeOf(schema: JsonSchema): string {
  const union = schema['anyOf'] as JsonSchema[] | undefined;
  if (union) return union.map(typeOf).join(' or ');
  if (schema['type'] === 'array') return `array of ${typeOf((schema['items'] ?? {}) as JsonSchema)}`;
  const format = schema['format'] ? ` (${String(schema['format'])})` : '';
  return `${String(schema['type'] ?? 'any')}${format}`;
}

function rulesOf(schema: JsonSchema): string {
  const rules: string[] = [];
  if (Array.isArray(schema['enum']))
    rules.push(`one of ${schema['enum'].map((value) => `\`${String(value)}\``).join(', ')}`);
  // zod states the safe-integer range on every integer; it says nothing a reader needs.
  const bound = (keyword: string, text: string) => {
    const value = schema[keyword];
    if (typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER)
      rules.push(`${text} ${value}`);
  };
  bound('minimum', '≥');
  bound('exclusiveMinimum', '>');
  bound('maximum', '≤');
  bound('minLength', 'length ≥');
  bound('maxLength', 'length ≤');
  bound('minItems', 'items ≥');
  if (schema['additionalProperties'] === false && schema['type'] === 'object') rules.push('no other fields');
  return rules.join(', ');
}

function servicesOn(document: AsyncApiDocument, channel: string, action: 'send' | 'receive'): string {
  const services = Object.values(document.operations)
    .filter((operation) => operation.action === action && operation.channel.$ref === `#/channels/${channel}`)
    .map((operation) => operation['x-service']);
  return services.length > 0 ? services.join(', ') : '(none)';
}

/** GitHub's heading anchor: lower case, dots dropped. */
const anchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
