import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export interface TcpProxy {
  /** The local port to connect to instead of the target. */
  readonly port: number;
  /** Destroys every open connection and refuses new ones until `restore()`. */
  cut(): void;
  /** Lets connections through again. */
  restore(): void;
  /** Connections opened through the proxy so far (to check that a client really reconnected). */
  readonly connectionsOpened: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy to fake a network or server outage without touching the shared server: toxiproxy has no package
 * here, and stopping the real PostgreSQL would break every other test running beside this one.
 */
export const startTcpProxy = async (target: { host: string; port: number }): Promise<TcpProxy> => {
  const open = new Set<Socket>();
  let isCut = false;
  let opened = 0;

  const server: Server = createServer((client) => {
    if (isCut) {
      // A reset, as a stopped server's closed port would answer.
      client.resetAndDestroy();
      return;
    }
    opened++;
    const upstream = tcpConnect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP port');

  return {
    port: address.port,
    get connectionsOpened() {
      return opened;
    },
    cut() {
      isCut = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore() {
      isCut = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      open.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
