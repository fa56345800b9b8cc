import { Parser } from '@asyncapi/parser';
import { MESSAGE_CATALOG } from '../catalog';
import { ALL_TOPICS, Topics } from '../topics';
import { buildAsyncApiDocument } from './asyncapi-document';
import { SERVICE_MESSAGING } from './service-messaging';

// AsyncAPI's diagnostics severities: 0 error, 1 warning, 2 information, 3 hint.
const ERROR = 0;

describe('the generated AsyncAPI document', () => {
  const document = buildAsyncApiDocument();

  it('is a valid AsyncAPI 3.0 document (the official parser reports no error)', async () => {
    const { diagnostics } = await new Parser().parse(JSON.stringify(document));

    expect(
      diagnostics
        .filter((diagnostic) => diagnostic.severity === ERROR)
        .map((diagnostic) => diagnostic.message),
    ).toEqual([]);
  });

  it('would be refused if it were wrong (the check above can fail)', async () => {
    const broken = {
      ...document,
      operations: { wrong: { ...Object.values(document.operations)[0], action: 'publish' } },
    };

    const { diagnostics } = await new Parser().parse(JSON.stringify(broken));

    expect(diagnostics.some((diagnostic) => diagnostic.severity === ERROR)).toBe(true);
  });

  it('declares every catalogue message, on the channel of its topic', () => {
    for (const definition of MESSAGE_CATALOG.values()) {
      expect(document.components.messages[definition.name]?.name).toBe(definition.name);
      expect(document.channels[definition.topic]?.messages[definition.name]).toEqual({
        $ref: `#/components/messages/${definition.name}`,
      });
    }
    expect(Object.keys(document.components.messages).sort()).toEqual([...MESSAGE_CATALOG.keys()].sort());
  });

  it('gives each message an example its own contract accepts', () => {
    for (const [name, message] of Object.entries(document.components.messages)) {
      expect(() => MESSAGE_CATALOG.get(name)?.parse(message.examples[0].payload)).not.toThrow();
    }
  });

  it('names each channel after its topic and its owner', () => {
    expect(document.channels[Topics.inventory.commands]).toMatchObject({
      address: 'inventory.commands',
      'x-owner': 'inventory',
    });
  });

  it('derives senders and receivers: the owner publishes its events and receives its commands; read models receive what they project', () => {
    const operations = Object.keys(document.operations).sort();

    expect(operations).toEqual([
      'inventory.receive.inventory.commands',
      'inventory.receive.inventory.events', // its stock view
      'inventory.send.inventory.events',
      'notifications.receive.notifications.events', // its notification view
      'notifications.receive.orders.events',
      'notifications.send.notifications.events',
      'orders.receive.inventory.events',
      'orders.receive.notifications.events', // the order view: what the customer was told
      'orders.receive.orders.events', // the order view: its own facts
      'orders.receive.routing.events',
      'orders.send.inventory.commands',
      'orders.send.orders.events',
      'orders.send.routing.commands',
      'routing.receive.routing.commands',
      'routing.receive.routing.events', // its shipment tracking view
      'routing.send.routing.events',
    ]);
  });
});

describe('SERVICE_MESSAGING (who consumes and commands, which the contracts cannot say)', () => {
  const topics = new Set(ALL_TOPICS.map((topic) => topic.name));
  const ownerOf = (topic: string) => ALL_TOPICS.find((candidate) => candidate.name === topic)?.owner;

  it('names only real topics', () => {
    for (const messaging of Object.values(SERVICE_MESSAGING)) {
      for (const topic of [...messaging.consumes, ...messaging.sendsCommandsTo])
        expect(topics).toContain(topic);
    }
  });

  it('has every commands topic consumed by its owner and sent to only by others', () => {
    for (const [service, messaging] of Object.entries(SERVICE_MESSAGING)) {
      for (const topic of messaging.sendsCommandsTo) {
        expect(topic.endsWith('.commands')).toBe(true);
        expect(ownerOf(topic)).not.toBe(service);
        expect(SERVICE_MESSAGING[ownerOf(topic) ?? '']?.consumes).toContain(topic);
      }
    }
  });
});
