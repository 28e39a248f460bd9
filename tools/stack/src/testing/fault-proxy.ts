// A TCP proxy between a client and a server (the console and kube-apiserver) that fails the way
// networks and servers fail. It sees bytes, not HTTP (the traffic is TLS), so each fault acts on
// connections: `cut` resets them and refuses new ones (a stopped server); `hang` accepts and never
// answers, and freezes open connections without a reset (a hung server, a dropped route); `hold`
// forwards requests but keeps every reply back (a server that commits but answers late; over TLS
// the handshake still passes: what the server sends after the client's second flight, which
// carries the request, is held);
// `freeze` stops the open connections only, while new ones pass (a NAT or load balancer that lost
// the flows: a long watch goes silent while fresh requests work).
import net from 'node:net';

export type Fault = 'none' | 'cut' | 'hang' | 'hold' | 'freeze';

export interface FaultProxy {
  port: number;
  fault(): Fault;
  /** Resets every open connection and refuses new ones until `restore`. */
  cut(): Promise<void>;
  /** New connections are accepted and never answered; open ones freeze, nothing sent, no reset. */
  hang(): void;
  /**
   * Requests still reach the server; every reply waits until `restore`. A connection's first
   * exchange passes (the TLS hello), so a new connection's request is sent before its reply is held.
   */
  hold(): void;
  /** The connections open now stop in both directions, without a reset; new ones pass. */
  freeze(): void;
  /** Forwards again: what was frozen or held is delivered, refused connections are accepted. */
  restore(): Promise<void>;
  /** Sends new connections to another upstream port (a restarted server). */
  retarget(port: number): void;
  /** Connections the client closed while a fault kept their reply (a client that gave up). */
  abandoned(): number;
  close(): Promise<void>;
}

/** One proxied connection, with what each direction could not deliver yet. */
class Link {
  upstream: net.Socket | null = null;
  readonly toServer: Buffer[] = [];
  readonly toClient: Buffer[] = [];
  serverEnded = false;
  frozen = false;
  /** Bursts of client data, each ended by server data: 1 is the TLS hello, 2 the request. */
  clientFlights = 0;
  lastSpoke: 'client' | 'server' | null = null;

  constructor(readonly client: net.Socket) {}

  destroy(): void {
    this.client.destroy();
    this.upstream?.destroy();
  }
}

/** `localAddress`: the source address of the connections to the target (e.g. `127.0.0.2`). */
export async function startFaultProxy(
  targetHost: string,
  initialPort: number,
  localAddress?: string,
): Promise<FaultProxy> {
  let targetPort = initialPort;
  let fault: Fault = 'none';
  let abandoned = 0;
  const links = new Set<Link>();
  const blocksServer = (link: Link) => link.frozen || fault === 'hang';
  const blocksClient = (link: Link) =>
    link.frozen || fault === 'hang' || (fault === 'hold' && link.clientFlights >= 2);

  const flush = (link: Link) => {
    if (link.upstream && !blocksServer(link)) {
      for (const chunk of link.toServer.splice(0)) link.upstream.write(chunk);
    }
    if (!blocksClient(link)) {
      for (const chunk of link.toClient.splice(0)) link.client.write(chunk);
      if (link.serverEnded) link.client.end();
    }
  };

  const connectUpstream = (link: Link) => {
    const upstream = net.connect({ port: targetPort, host: targetHost, localAddress });
    link.upstream = upstream;
    upstream.on('data', (chunk: Buffer) => {
      link.lastSpoke = 'server';
      if (blocksClient(link)) link.toClient.push(chunk);
      else link.client.write(chunk);
    });
    upstream.on('end', () => {
      link.serverEnded = true;
      if (!blocksClient(link)) link.client.end();
    });
    upstream.on('error', () => link.client.destroy());
    flush(link);
  };

  const server = net.createServer((client) => {
    const link = new Link(client);
    links.add(link);
    client.on('data', (chunk: Buffer) => {
      if (link.lastSpoke !== 'client') link.clientFlights++;
      link.lastSpoke = 'client';
      // A socket still connecting queues writes itself; only a fault or no upstream buffers here.
      if (blocksServer(link) || !link.upstream) link.toServer.push(chunk);
      else link.upstream.write(chunk);
    });
    client.on('end', () => link.upstream?.end());
    client.on('error', () => link.upstream?.destroy());
    client.on('close', () => {
      if (blocksClient(link) && (link.toClient.length > 0 || !link.serverEnded)) abandoned++;
      links.delete(link);
      link.upstream?.destroy();
    });
    // A hung server accepts but never speaks: reach the real one only once it answers again.
    if (!blocksServer(link)) connectUpstream(link);
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const stopListening = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const link of links) {
      link.client.resetAndDestroy();
      link.upstream?.resetAndDestroy();
    }
    links.clear();
    await closed;
  };
  const port = await listen(0);

  return {
    port,
    fault: () => fault,
    cut: async () => {
      fault = 'cut';
      await stopListening();
    },
    hang: () => {
      fault = 'hang';
    },
    hold: () => {
      fault = 'hold';
    },
    freeze: () => {
      fault = 'freeze';
      for (const link of links) link.frozen = true;
    },
    restore: async () => {
      const wasCut = fault === 'cut';
      fault = 'none';
      if (wasCut) await listen(port);
      for (const link of links) {
        link.frozen = false;
        if (link.upstream) flush(link);
        else connectUpstream(link);
      }
    },
    retarget: (p) => {
      targetPort = p;
    },
    abandoned: () => abandoned,
    close: async () => {
      fault = 'cut';
      await stopListening();
      for (const link of links) link.destroy();
    },
  };
}
