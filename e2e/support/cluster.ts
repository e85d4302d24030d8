// A Parley cluster for end-to-end tests: a redis-server of its own on a free port, nodes (the
// real jar) sharing it, and small TCP load balancers in front, as nginx would be.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startParley, type ParleyServer } from './parley';

const REDIS = '/usr/bin/redis-server';
/** The secret every node shares: each checks the resume tokens the others issue. */
const SECRET = 'an-e2e-cluster-secret-of-at-least-32-characters';

export interface Redis {
  readonly url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One inline command; resolves with the first line of the reply. */
function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
    socket.setEncoding('utf8');
    socket.once('data', (reply: string) => {
      socket.end();
      resolve(reply.split('\r\n')[0]!);
    });
    socket.once('error', reject);
  });
}

/** A redis-server without persistence on a free loopback port; its log goes to logFile. */
export async function startRedis(logFile: string): Promise<Redis> {
  if (!existsSync(REDIS)) throw new Error(`${REDIS} is missing: apt-get install -y redis-server (.ci/run does)`);
  const port = await freePort();
  mkdirSync(path.dirname(logFile), { recursive: true });
  const child: ChildProcess = spawn(
    REDIS,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.on('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await redisCommand(port, 'PING')) === '+PONG') break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port}; log: ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A cluster node: the jar with the shared Redis and secret, its TURN server on a free port. */
export function startNode(redis: Redis, logFile: string): Promise<ParleyServer> {
  return startParley({ args: ['--redis', redis.url, '--secret', SECRET, '--turn-port', '0'], logFile });
}

export interface Balancer {
  /** http://localhost:<port>, what the browser opens. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A TCP load balancer on a free port: each connection goes to the first node of `nodes` that
 * accepts it, so a node that stopped listening is passed over, as nginx passes over a failed
 * upstream. No stickiness: a client that reconnects may land anywhere.
 */
export async function startBalancer(nodes: ParleyServer[]): Promise<Balancer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.pause();
    const tryNode = (index: number): void => {
      if (index >= nodes.length) {
        client.destroy();
        return;
      }
      const upstream = net.connect(nodes[index]!.port, '127.0.0.1');
      upstream.once('error', () => tryNode(index + 1));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        sockets.add(upstream);
        upstream.once('close', () => sockets.delete(upstream));
        const destroyBoth = () => {
          client.destroy();
          upstream.destroy();
        };
        upstream.on('error', destroyBoth);
        client.on('error', destroyBoth);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryNode(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A metric's value as a node reports it at /metrics (0 when absent). */
export async function metric(node: ParleyServer, line: RegExp): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${node.port}/metrics`)).text();
  for (const row of text.split('\n')) {
    const m = line.exec(row);
    if (m) return Number(row.slice(row.lastIndexOf(' ') + 1));
  }
  return 0;
}
