// Consumer-driven contract tests with Pact message pacts, no broker (docs/patterns/contract-testing.md).
// Shared by every service's src/contracts/ tests.
//
//   consumer side: `consumerPact(consumer, provider)` records what the consumer needs of each message
//     into a fresh temporary folder; its last test compares that file with the committed one in
//     libs/contracts/pacts and fails when they differ (PACT_UPDATE=1 writes the new one instead);
//   provider side: `verifyMessages(provider, messages)` checks what the producer's own code writes to the
//     outbox against every COMMITTED pact naming it, so the order Jest runs the files in never matters.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MatchersV3, MessageProviderPact, PactV4 } from '@pact-foundation/pact';
import type { MessageDefinition } from '@waybill/contracts';
import type { EntityManager } from 'typeorm';

/** Where the pacts live, committed: one file per consumer–provider pair, named `<consumer>-<provider>.json`. */
export const PACTS_DIR = resolve(__dirname, '../../contracts/pacts');

const { iso8601DateTimeWithMillis, like, uuid } = MatchersV3;

/**
 * What every consumer needs of an envelope: an id (the inbox de-duplicates on it), the exact name and
 * version (the transport routes on them), when it happened, its flow, and the payload.
 * Not `causationId`: it is a string or null (null when an HTTP request started the flow), Pact cannot
 * say "either", and no handler reads it. The shared envelope schema, which every producer runs before
 * the outbox, guarantees the key; `toRawMessage` puts it back for `validateMessage`.
 */
export function envelopeLike(definition: MessageDefinition, payload: Record<string, unknown>) {
  return {
    id: uuid('5f0c1d7e-4f2b-4a59-9a51-0d1f2c3b4a5e'),
    type: definition.type,
    version: definition.version,
    occurredAt: iso8601DateTimeWithMillis('2026-11-22T10:00:00.000Z'),
    correlationId: like('2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f'),
    payload,
  };
}

/** The bytes a consumer would read off the topic, from the message Pact hands the test. */
export function toRawMessage(message: { contents: { content: unknown } }): string {
  return JSON.stringify({ causationId: null, ...(message.contents.content as object) });
}

/** A consumer's pact with one provider, written to a temporary folder, then compared with the committed file. */
export function consumerPact(consumer: string, provider: string) {
  const dir = mkdtempSync(join(tmpdir(), `pact-${consumer}-${provider}-`));
  const file = `${consumer}-${provider}.json`;
  const pact = new PactV4({ consumer, provider, dir, logLevel: 'warn' });
  return {
    /** Declares one message the consumer reads, then runs `handle` (the consumer's real code) on Pact's example of it. */
    receives(
      definition: MessageDefinition,
      payload: Record<string, unknown>,
      handle: (raw: string) => Promise<void> | void,
    ) {
      return pact
        .addAsynchronousInteraction()
        .given(`${provider} publishes ${definition.name}`)
        .expectsToReceive(definition.name, (builder) =>
          builder.withJSONContent(envelopeLike(definition, payload)),
        )
        .executeTest(async (message) => handle(toRawMessage(message)));
    },
    /**
     * The generated pact against the committed one. They differ when a consumer test changed what it
     * needs: review the difference, then run the consumer's tests with PACT_UPDATE=1 and commit the file.
     */
    expectCommittedUpToDate() {
      const generated = join(dir, file);
      const committed = join(PACTS_DIR, file);
      if (process.env.PACT_UPDATE === '1') copyFileSync(generated, committed);
      if (!existsSync(committed))
        throw new Error(`${committed} is missing: run this test with PACT_UPDATE=1 and commit it`);
      // The tools' versions in `metadata` change on every Pact upgrade and state nothing about the messages.
      const contractOf = (path: string) => {
        const { consumer: c, provider: p, interactions } = JSON.parse(readFileSync(path, 'utf8'));
        return { consumer: c, provider: p, interactions };
      };
      const [expected, actual] = [contractOf(committed), contractOf(generated)];
      rmSync(dir, { recursive: true, force: true });
      expect(actual).toEqual(expected);
    },
  };
}

/** Produces the message a pact interaction describes (by its description: the message's name), from the provider's own code. */
export type MessageProducers = Record<string, () => Promise<unknown>>;

/** Every committed pact in which `provider` is the provider. */
export function pactsOf(provider: string): string[] {
  return readdirSync(PACTS_DIR)
    .filter((file) => file.endsWith(`-${provider}.json`))
    .map((file) => join(PACTS_DIR, file));
}

/** Verifies that what `producers` produce satisfies every consumer's pact with `provider`; rejects otherwise. */
export async function verifyMessages(provider: string, producers: MessageProducers): Promise<void> {
  const states = new Set<string>(
    pactsOf(provider).flatMap((path) =>
      (
        JSON.parse(readFileSync(path, 'utf8')).interactions as Array<{
          providerStates?: Array<{ name: string }>;
        }>
      ).flatMap((interaction) => (interaction.providerStates ?? []).map((state) => state.name)),
    ),
  );
  await new MessageProviderPact({
    provider,
    pactUrls: pactsOf(provider),
    logLevel: 'error',
    // The state is only a label ("<provider> publishes <name>"): each producer builds its message from nothing.
    stateHandlers: Object.fromEntries([...states].map((state) => [state, async () => undefined])),
    messageProviders: producers,
  }).verify();
}

/**
 * A stand-in for the EntityManager of an open transaction that records the envelopes written to the
 * outbox (the INSERT INTO outbox of addToOutbox) and answers every other query with no rows. Lets the
 * producer's own code run as it does in production, minus PostgreSQL.
 */
export function outboxRecorder() {
  const written: Array<Record<string, unknown>> = [];
  const transaction = {
    queryRunner: { isTransactionActive: true },
    query: async (sql: string, parameters: unknown[] = []) => {
      if (/^\s*INSERT INTO outbox\b/i.test(sql)) written.push(JSON.parse(String(parameters[4])));
      return [];
    },
  } as unknown as EntityManager;
  return {
    transaction,
    /** The one envelope written since the last call; fails when there were none or several. */
    takeOne(): Record<string, unknown> {
      const taken = written.splice(0);
      if (taken.length !== 1) throw new Error(`expected one message in the outbox, found ${taken.length}`);
      return taken[0];
    },
  };
}
