// Test helper: a TCP proxy in front of the API server that can be cut and restored, so a test
// sees exactly what a restarting API server does to clients: reset connections, then refusals.
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Resets every open connection and stops accepting new ones. */
  cut(): Promise<void>;
  /** Sends new connections to another upstream port (an API server started again). */
  retarget(port: number): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** `localAddress`: the source address of the connections to the target (e.g. `127.0.0.2`). */
export async function startTcpProxy(
  targetHost: string,
  initialPort: number,
  localAddress?: string,
): Promise<TcpProxy> {
  let targetPort = initialPort;
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect({ port: targetPort, host: targetHost, localAddress });
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const port = await listen(0);
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.resetAndDestroy();
    await closed;
  };
  return {
    port,
    cut: stop,
    retarget: (p) => {
      targetPort = p;
    },
    restore: async () => {
      await listen(port);
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
}
