// The NAT lab: a small internet of Linux network namespaces, built and torn down by the tests.
//
//   pnat-srv  203.0.113.10 (Parley), 203.0.113.11 (a second Parley)
//      │
//   pnat-inet: bridge br0, the "internet" (203.0.113.0/24, a documentation range)
//      │             │                 │
//   pnat-pubA    pnat-natA            pnat-natB           routers: WAN 203.0.113.21 / .22,
//   pnat-pubB      │ 10.1.0.1           │ 10.2.0.1         NAT and firewall rules per scenario
//   (.31, .32)   pnat-lanA 10.1.0.10  pnat-lanB 10.2.0.10
//
// No namespace has a route to anything outside the lab, so nothing a test does leaves it. A
// client namespace is where a Chromium runs (chromiumIn); the server runs in pnat-srv.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PREFIX = 'pnat-';
const INET = `${PREFIX}inet`;
export const SERVER_NS = `${PREFIX}srv`;
/** Parley with TURN on its web port too. */
export const SERVER_IP = '203.0.113.10';
/** A second address of the server namespace, for a Parley whose TURN is off the web port. */
export const SERVER_IP_2 = '203.0.113.11';

/** How a router maps its LAN onto its WAN address. */
export type Nat =
  /** Endpoint-independent mapping (Linux keeps the source port where it can): a home router. */
  | 'endpoint-independent'
  /** A fresh random port for every destination (`MASQUERADE --random-fully`): symmetric NAT. */
  | 'symmetric';

/** What a router lets out of its LAN (replies to what went out always come back). */
export type Firewall =
  | 'open'
  /** Every UDP datagram dropped. */
  | 'no-udp'
  /** Only TCP to port 443: a corporate firewall. */
  | 'tcp-443-only';

/** One side of a call: a client namespace, public or behind a router. */
export type Site =
  { readonly kind: 'public' } | { readonly kind: 'behind-nat'; readonly nat: Nat; readonly firewall: Firewall };

type Side = 'A' | 'B';

const SITE_ADDRESSES: Record<Side, { readonly pub: string; readonly wan: string; readonly lan: string }> = {
  A: { pub: '203.0.113.31', wan: '203.0.113.21', lan: '10.1.0' },
  B: { pub: '203.0.113.32', wan: '203.0.113.22', lan: '10.2.0' },
};

function run(command: string, args: readonly string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

const ip = (...args: string[]): string => run('ip', args);
const inNs = (ns: string, command: string, ...args: string[]): string =>
  run('ip', ['netns', 'exec', ns, command, ...args]);

/** Why the lab cannot run here, or null: it needs root, `ip` and `iptables`. */
export function labUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'the NAT lab needs root (network namespaces and iptables)';
  for (const [tool, pkg] of [
    ['ip', 'iproute2'],
    ['iptables', 'iptables'],
  ] as const) {
    if (spawnSync(tool, ['-V']).status !== 0) return `the NAT lab needs ${tool} (apt-get install -y ${pkg})`;
  }
  return null;
}

function namespaces(): string[] {
  return ip('netns', 'list')
    .split('\n')
    .map((line) => line.split(' ')[0]!)
    .filter((name) => name.startsWith(PREFIX));
}

/** Deletes every namespace of the lab, also those a killed run left behind. */
export function tearDown(): void {
  // Deleting a namespace deletes its interfaces, veth peers and rules with it.
  for (const ns of namespaces()) spawnSync('ip', ['netns', 'del', ns]);
}

function addNamespace(ns: string): void {
  ip('netns', 'add', ns);
  ip('-n', ns, 'link', 'set', 'lo', 'up');
}

/** A veth pair from `ns` (as `name`) to a port of the internet's bridge. */
function plugIntoInternet(ns: string, name: string, bridgePort: string, ...addresses: string[]): void {
  ip('link', 'add', name, 'netns', ns, 'type', 'veth', 'peer', 'name', bridgePort, 'netns', INET);
  ip('-n', INET, 'link', 'set', bridgePort, 'master', 'br0', 'up');
  for (const address of addresses) ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', name);
  ip('-n', ns, 'link', 'set', name, 'up');
}

/** The internet and the server's namespace; clears what an earlier run left first. */
export function buildInternet(): void {
  tearDown();
  addNamespace(INET);
  ip('-n', INET, 'link', 'add', 'br0', 'type', 'bridge');
  ip('-n', INET, 'link', 'set', 'br0', 'up');
  addNamespace(SERVER_NS);
  plugIntoInternet(SERVER_NS, 'eth0', 'srv', SERVER_IP, SERVER_IP_2);
}

/** The client namespace of one side, built for this scenario; returns its name. */
export function buildSite(side: Side, site: Site): string {
  const addresses = SITE_ADDRESSES[side];
  if (site.kind === 'public') {
    const ns = `${PREFIX}pub${side}`;
    addNamespace(ns);
    plugIntoInternet(ns, 'eth0', `pub${side}`, addresses.pub);
    return ns;
  }
  const router = `${PREFIX}nat${side}`;
  const lan = `${PREFIX}lan${side}`;
  addNamespace(router);
  addNamespace(lan);
  plugIntoInternet(router, 'wan', `nat${side}`, addresses.wan);
  ip('link', 'add', 'lan', 'netns', router, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', lan);
  ip('-n', router, 'addr', 'add', `${addresses.lan}.1/24`, 'dev', 'lan');
  ip('-n', router, 'link', 'set', 'lan', 'up');
  ip('-n', lan, 'addr', 'add', `${addresses.lan}.10/24`, 'dev', 'eth0');
  ip('-n', lan, 'link', 'set', 'eth0', 'up');
  ip('-n', lan, 'route', 'add', 'default', 'via', `${addresses.lan}.1`);
  inNs(router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
  const iptables = (...args: string[]) => inNs(router, 'iptables', ...args);
  iptables(
    '-t',
    'nat',
    '-A',
    'POSTROUTING',
    '-o',
    'wan',
    '-j',
    'MASQUERADE',
    ...(site.nat === 'symmetric' ? ['--random-fully'] : []),
  );
  // A router takes nothing unsolicited from outside, as a home router does. Dropped here, the
  // packet's conntrack entry is never confirmed. Otherwise the first check of the peer, sent to
  // this side's mapped address before this side's own check went out, would leave an entry
  // for that pair of addresses in the table, and this side's check would then be given a new
  // source port (the tuple being taken): no longer endpoint-independent, the hole punch fails.
  iptables('-A', 'INPUT', '-i', 'wan', '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'DROP');
  switch (site.firewall) {
    case 'open':
      break;
    case 'no-udp':
      iptables('-A', 'FORWARD', '-i', 'lan', '-p', 'udp', '-j', 'DROP');
      break;
    case 'tcp-443-only':
      iptables('-A', 'FORWARD', '-i', 'lan', '-p', 'tcp', '--dport', '443', '-j', 'ACCEPT');
      iptables('-A', 'FORWARD', '-i', 'lan', '-j', 'DROP');
      break;
    default:
      assertNever(site.firewall);
  }
  return lan;
}

/** Deletes the client namespaces and routers of the last scenario, keeping the internet and server. */
export function tearDownSites(): void {
  for (const ns of namespaces()) {
    if (ns === INET || ns === SERVER_NS) continue;
    // The router's or client's end of its bridge port, deleted now: a namespace goes only when
    // its last process has, and its veth would keep the port's name taken until then.
    const port = ns.slice(PREFIX.length).replace(/^lan/, 'nat');
    spawnSync('ip', ['-n', INET, 'link', 'del', port], { stdio: 'ignore' });
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

let wrappers: string | undefined;

/**
 * An executable that runs Chromium inside `ns`, for Playwright's `executablePath`. Playwright
 * talks to the browser over a pipe, which crosses namespaces; only the browser's network is
 * the namespace's.
 */
export function chromiumIn(ns: string, chromium: string): string {
  wrappers ??= mkdtempSync(path.join(tmpdir(), 'parley-nat-'));
  const file = path.join(wrappers, `chromium-${ns}`);
  writeFileSync(file, `#!/bin/sh\nexec ip netns exec '${ns}' '${chromium}' "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Removes the wrapper scripts. */
export function removeWrappers(): void {
  if (wrappers) rmSync(wrappers, { recursive: true, force: true });
  wrappers = undefined;
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}
