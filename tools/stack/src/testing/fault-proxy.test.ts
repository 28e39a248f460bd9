// The fault proxy in front of a line-echo server: each fault does to a client what it claims.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

let echo: net.Server;
let received: string[];
let proxy: FaultProxy;

beforeEach(async () => {
  received = [];
  echo = net.createServer((s) => {
    s.on('error', () => undefined);
    s.on('data', (d: Buffer) => {
      if (d.toString() !== 'ping') received.push(d.toString());
      s.write(`echo ${d.toString()}`);
    });
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  proxy = await startFaultProxy('127.0.0.1', (echo.address() as net.AddressInfo).port);
});

afterEach(async () => {
  await proxy.close();
  await new Promise<void>((r) => echo.close(() => r()));
});

/** A client connection that records what arrives and how it ended. */
async function connect() {
  const s = net.connect(proxy.port, '127.0.0.1');
  const got: string[] = [];
  let ended: 'open' | 'reset' | 'closed' = 'open';
  s.on('data', (d: Buffer) => got.push(d.toString()));
  s.on('error', () => (ended = 'reset'));
  s.on('close', () => (ended = ended === 'open' ? 'closed' : ended));
  await new Promise<void>((resolve, reject) => {
    s.once('connect', resolve);
    s.once('error', reject);
  });
  return { s, got, ended: () => ended };
}

/** Resolves once `cond` holds; fails the test after `ms`. */
async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Proves a quiet period: a round trip straight to the server (`ping`, not recorded) meanwhile. */
async function roundTripElsewhere(): Promise<void> {
  const other = net.connect((echo.address() as net.AddressInfo).port, '127.0.0.1');
  const got: string[] = [];
  other.on('data', (d: Buffer) => got.push(d.toString()));
  other.write('ping');
  await until(() => got.join('') === 'echo ping');
  other.destroy();
}

describe('fault proxy', () => {
  it('forwards both ways when there is no fault', async () => {
    const c = await connect();
    c.s.write('a');
    await until(() => c.got.join('') === 'echo a');
    c.s.destroy();
  });

  it('cut: resets open connections and refuses new ones until restored', async () => {
    const c = await connect();
    await proxy.cut();
    await until(() => c.ended() !== 'open');
    expect(c.ended()).toBe('reset');
    await expect(connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.restore();
    const again = await connect();
    again.s.write('b');
    await until(() => again.got.join('') === 'echo b');
    again.s.destroy();
  });

  it('hang: accepts, sends nothing on, answers nothing, then delivers everything on restore', async () => {
    const open = await connect();
    proxy.hang();
    const fresh = await connect();
    open.s.write('x');
    fresh.s.write('y');
    await roundTripElsewhere();
    // `received` is the server's view: nothing reached it through the proxy.
    expect(received).toEqual([]);
    expect(open.got).toEqual([]);
    expect(open.ended()).toBe('open');
    await proxy.restore();
    await until(() => open.got.join('') === 'echo x' && fresh.got.join('') === 'echo y');
    open.s.destroy();
    fresh.s.destroy();
  });

  it('hold: the first exchange passes, then the request reaches the server and its reply waits', async () => {
    const c = await connect();
    proxy.hold();
    c.s.write('hello');
    await until(() => c.got.join('') === 'echo hello');
    c.got.length = 0;
    c.s.write('z');
    await until(() => received.join('') === 'helloz');
    await roundTripElsewhere();
    expect(c.got).toEqual([]);
    await proxy.restore();
    await until(() => c.got.join('') === 'echo z');
    c.s.destroy();
  });

  it('freeze: open connections go silent while new ones pass', async () => {
    const old = await connect();
    proxy.freeze();
    const fresh = await connect();
    old.s.write('o');
    fresh.s.write('n');
    await until(() => fresh.got.join('') === 'echo n');
    expect(received).toEqual(['n']);
    expect(old.got).toEqual([]);
    await proxy.restore();
    await until(() => old.got.join('') === 'echo o');
    old.s.destroy();
    fresh.s.destroy();
  });

  it('counts the clients that gave up while their reply was kept', async () => {
    const c = await connect();
    c.s.write('hello');
    await until(() => c.got.length === 1);
    proxy.hold();
    c.s.write('w');
    await until(() => received.length === 2);
    expect(proxy.abandoned()).toBe(0);
    c.s.destroy();
    await until(() => proxy.abandoned() === 1);
  });
});
