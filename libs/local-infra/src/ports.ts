import { createServer } from 'node:net';

// Everything Waybill runs locally listens on the loopback interface only: a developer's broker and
// database are never reachable from the network they happen to be on.
export const LOOPBACK = '127.0.0.1';

/** Tries to bind `port` on the loopback interface; resolves to the error code when that fails. */
function tryBind(port: number): Promise<{ port: number } | { code: string }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? String(error) }));
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve({ port: bound }));
    });
  });
}

/**
 * Fails fast, before a process is started, when `port` is taken. A JVM or a postmaster that cannot
 * bind dies with a message buried in its log; this check names the port and the way out instead.
 */
export async function assertPortFree(port: number, what: string, envVarHint: string): Promise<void> {
  const result = await tryBind(port);
  if ('port' in result) return;
  if (result.code === 'EADDRINUSE') {
    throw new Error(
      `port ${port} is in use (is another ${what} or a previous \`npm start\` still running?) — stop it or set ${envVarHint}`,
    );
  }
  throw new Error(
    `cannot bind ${LOOPBACK}:${port} for ${what} (${result.code}) — pick another port with ${envVarHint}`,
  );
}

/**
 * A port that was free a moment ago: the OS picks it when we bind port 0. Tests use it so that
 * parallel runs, and a dev stack left running, never collide. (Another process could grab it
 * before we use it; for a test on one machine that race is theoretical.)
 */
export async function findFreePort(): Promise<number> {
  const result = await tryBind(0);
  if ('port' in result) return result.port;
  throw new Error(`cannot bind any port on ${LOOPBACK} (${result.code})`);
}
