// The AsyncAPI 3.0 description of Waybill's messaging, GENERATED from the contracts (never written by
// hand): channels are the topics of topics.ts with their owner, messages are every MESSAGE_CATALOG entry
// with the JSON Schema of its zod contract, operations say which service sends or receives on which
// topic. `npm run contracts:docs` writes it to docs/asyncapi.json and renders docs/asyncapi.md from it;
// a unit test fails when those files are stale. See docs/asyncapi.md and docs/patterns/contracts.md.
import { MESSAGE_CATALOG } from '../catalog';
import { envelopeSchema } from '../envelope';
import type { MessageDefinition } from '../message-definition';
import { ALL_TOPICS, deadLetterTopicOf, type TopicDefinition } from '../topics';
import { exampleOf, jsonSchemaOf, type JsonSchema } from './json-schema';
import { SERVICE_MESSAGING } from './service-messaging';

type Ref = { $ref: string };

export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  contentType: 'application/json';
  traits: Ref[];
  /** The Kafka value: the whole envelope, with this message's `type`, `version` and `payload` schema. */
  payload: JsonSchema;
  examples: Array<{ name: string; payload: unknown }>;
  'x-kind': MessageDefinition['kind'];
}

export interface AsyncApiChannel {
  address: string;
  title: string;
  description: string;
  messages: Record<string, Ref>;
  'x-owner': TopicDefinition['owner'];
  bindings: {
    kafka: {
      topic: string;
      partitions: number;
      topicConfiguration: { 'retention.ms': number };
      bindingVersion: string;
    };
  };
}

export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: Ref;
  summary: string;
  messages: Ref[];
  'x-service': string;
}

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: 'application/json';
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: {
    schemas: Record<string, JsonSchema>;
    messages: Record<string, AsyncApiMessage>;
    messageTraits: Record<string, { headers: JsonSchema }>;
  };
}

/** Where `npm run contracts:docs` writes the generated files, relative to the repository root. */
export const ASYNCAPI_FILES = { json: 'docs/asyncapi.json', markdown: 'docs/asyncapi.md' } as const;

// A fixed flow for the examples, so regenerating the docs changes nothing unless a contract changed.
const EXAMPLE_CAUSE = {
  correlationId: '0b7e5a4c-2f1d-4e8a-9b3c-6d5e4f3a2b1c',
  causationId: '9c41d2e3-5b6a-4c7d-8e9f-0a1b2c3d4e5f',
};
const EXAMPLE_ID = '5f0c1d7e-4f2b-4a59-9a51-0d1f2c3b4a5e';
const EXAMPLE_TIME = new Date('2026-11-22T10:00:00.000Z');

export function buildAsyncApiDocument(): AsyncApiDocument {
  const definitions = [...MESSAGE_CATALOG.values()];
  const channels = primaryTopics().filter((topic) =>
    definitions.some((definition) => definition.topic === topic.name),
  );
  const document: AsyncApiDocument = {
    asyncapi: '3.0.0',
    info: {
      title: 'Waybill messaging',
      // The version of this description's layout, not of any message: each message carries its own.
      version: '1.0.0',
      description:
        'Every topic, message and sender/receiver of the Waybill platform, generated from libs/contracts ' +
        '(do not edit; npm run contracts:docs). Every Kafka value is the JSON envelope of ' +
        'docs/patterns/contracts.md; its `payload` is the message schema. Each topic has a `.dlq` sibling.',
    },
    defaultContentType: 'application/json',
    channels: {},
    operations: {},
    components: {
      schemas: {
        Envelope: {
          description: 'The envelope every message shares (envelope.ts).',
          ...jsonSchemaOf(envelopeSchema, 'draft-7'),
        },
      },
      messages: {},
      messageTraits: { kafkaHeaders: { headers: KAFKA_HEADERS } },
    },
  };

  for (const definition of definitions) document.components.messages[definition.name] = messageOf(definition);

  for (const topic of channels) {
    const carried = definitions.filter((definition) => definition.topic === topic.name);
    document.channels[topic.name] = {
      address: topic.name,
      title: topic.name,
      description:
        `Owned by ${topic.owner}. ${describeRole(carried)} ` +
        `Messages no consumer can handle go to ${deadLetterTopicOf(topic.name)}.`,
      messages: Object.fromEntries(
        carried.map((definition) => [definition.name, { $ref: `#/components/messages/${definition.name}` }]),
      ),
      'x-owner': topic.owner,
      bindings: {
        kafka: {
          topic: topic.name,
          partitions: topic.partitions,
          topicConfiguration: { 'retention.ms': topic.retentionMs },
          bindingVersion: '0.5.0',
        },
      },
    };
    const messages = carried.map((definition) => ({
      $ref: `#/channels/${topic.name}/messages/${definition.name}`,
    }));
    for (const [action, services] of [
      ['send', sendersOf(topic, carried)],
      ['receive', receiversOf(topic)],
    ] as const) {
      for (const service of services) {
        document.operations[`${service}.${action}.${topic.name}`] = {
          action,
          channel: { $ref: `#/channels/${topic.name}` },
          summary: `${service} ${action}s on ${topic.name}`,
          messages,
          'x-service': service,
        };
      }
    }
  }
  return document;
}

/** The topics messages are declared on: every topic but the `.dlq` siblings, which carry dead letters. */
function primaryTopics(): TopicDefinition[] {
  const deadLetterTopics = new Set(ALL_TOPICS.map((topic) => deadLetterTopicOf(topic.name)));
  return ALL_TOPICS.filter((topic) => !deadLetterTopics.has(topic.name));
}

function describeRole(carried: MessageDefinition[]): string {
  return carried.every((definition) => definition.kind === 'command')
    ? 'Carries commands TO the owner, which carries them out.'
    : 'Carries facts (events) FROM the owner.';
}

/** Events are published by their topic's owner only (STYLE.md rule 4); commands by the services that declare so. */
function sendersOf(topic: TopicDefinition, carried: MessageDefinition[]): string[] {
  const ownerPublishes = carried.some((definition) => definition.kind === 'event');
  const commanders = Object.entries(SERVICE_MESSAGING)
    .filter(([, messaging]) => messaging.sendsCommandsTo.includes(topic.name))
    .map(([service]) => service);
  return [...(ownerPublishes ? [topic.owner] : []), ...commanders];
}

function receiversOf(topic: TopicDefinition): string[] {
  return Object.entries(SERVICE_MESSAGING)
    .filter(([, messaging]) => messaging.consumes.includes(topic.name) || messaging.projects.includes(topic.name))
    .map(([service]) => service);
}

function messageOf(definition: MessageDefinition): AsyncApiMessage {
  const envelope = jsonSchemaOf(envelopeSchema, 'draft-7');
  const properties = envelope['properties'] as Record<string, JsonSchema>;
  const payload = jsonSchemaOf(definition.payload, 'draft-7');
  // `create` validates: an example that broke its own contract would stop the generator here.
  const example = definition.create(exampleOf(jsonSchemaOf(definition.payload)) as never, EXAMPLE_CAUSE, {
    id: EXAMPLE_ID,
    occurredAt: EXAMPLE_TIME,
  });
  return {
    name: definition.name,
    title: definition.name,
    summary: `${definition.kind === 'event' ? 'An event' : 'A command'} on ${definition.topic}.`,
    contentType: 'application/json',
    traits: [{ $ref: '#/components/messageTraits/kafkaHeaders' }],
    payload: {
      ...envelope,
      properties: {
        ...properties,
        type: { const: definition.type },
        version: { const: definition.version },
        payload,
      },
    },
    // Through JSON, so absent optional fields (`traceparent: undefined`) are not in the document.
    examples: [{ name: 'example', payload: JSON.parse(JSON.stringify(example)) }],
    'x-kind': definition.kind,
  };
}

// The Kafka headers the outbox relay copies from the envelope (libs/outbox/src/outbox-relay.ts) for
// tools that look at headers; consumers validate only the value. Declared here because no contract
// carries them: keep them equal to the relay's.
const KAFKA_HEADERS: JsonSchema = {
  type: 'object',
  properties: {
    'message-id': { type: 'string', description: 'The envelope `id`.' },
    'message-type': { type: 'string', description: 'The message name, `type.vN`.' },
    traceparent: { type: 'string', description: 'The envelope `traceparent`, when there is one.' },
  },
};
