// How the transport tells failures apart, because each needs a different answer
// (docs/patterns/dead-letters.md):
//   - the *message* is wrong for good (a handler says so):  dead-letter it now;
//   - the *handler* failed (a bug, a conflict, a timeout):   retry a few times, then dead-letter;
//   - the *infrastructure* is down (PostgreSQL unreachable): wait and retry without limit. Every message
//     would fail the same way, so dead-lettering them would only empty the topic into the DLQ.

/** Thrown by a handler when the message can never succeed (e.g. it refers to something that cannot exist). */
export class MessageRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageRejectedError';
  }
}

/** SQLSTATE classes and error codes that mean "the database is not there", not "this message is bad". */
const CONNECTION_SQLSTATES = /^(08|57P0[1-3]|53300)/; // connection exceptions, shutdowns, too many connections
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const CONNECTION_MESSAGES = /Connection terminated|connection is closed|timeout exceeded when trying to connect|Client has encountered a connection error/i;

export function isInfrastructureFailure(error: unknown): boolean {
  for (let cause = error as { code?: unknown; message?: unknown; cause?: unknown; driverError?: unknown } | undefined; cause; ) {
    if (typeof cause.code === 'string' && (CONNECTION_SQLSTATES.test(cause.code) || NETWORK_CODES.has(cause.code))) return true;
    if (typeof cause.message === 'string' && CONNECTION_MESSAGES.test(cause.message)) return true;
    cause = (cause.driverError ?? cause.cause) as typeof cause;
  }
  return false;
}
