// SPDX-License-Identifier: Apache-2.0
// A network of nodes, each in its own Linux network namespace (needs root): namespace
// `fwnet-N` holds node N at 10.77.0.N (its veth `eth0`), joined by the veth's other end `fwhN` to
// the bridge `fwbr0` in the host namespace, which has 10.77.0.254 so the tests reach every node's
// RPC. Only these addresses are used. A partition is a set of blackhole routes inside the nodes'
// namespaces (more specific than the subnet's route), so traffic between the sides is dropped
// while the host still reaches every node. `cleanup()` removes every namespace, veth and the
// bridge; the tests call it before they start, after they end and on exit.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { SIGNED_EXTENSIONS, nodeBinary } from './chain.mjs';

const PREFIX = 'fwnet';
const BRIDGE = 'fwbr0';
const SUBNET = '10.77.0';
const RPC_PORT = 9944;
const P2P_PORT = 30333;

const ip = (...args) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const quietly = (f) => { try { f(); } catch { /* already gone */ } };

export const address = (n) => `${SUBNET}.${n}`;
const namespace = (n) => `${PREFIX}-${n}`;

/// Removes every namespace, veth and bridge these tests make (a failed run's too).
export function cleanup() {
  const namespaces = ip('netns', 'list').split('\n').map((l) => l.split(' ')[0]);
  for (const ns of namespaces.filter((n) => n.startsWith(`${PREFIX}-`))) quietly(() => ip('netns', 'del', ns));
  quietly(() => ip('link', 'del', BRIDGE));
}

/// The bridge in the host namespace, with the host's address on it.
export function createBridge() {
  cleanup();
  ip('link', 'add', BRIDGE, 'type', 'bridge');
  ip('addr', 'add', `${address(254)}/24`, 'dev', BRIDGE);
  ip('link', 'set', BRIDGE, 'up');
}

/// Namespace `n` with its veth on the bridge and address 10.77.0.n.
export function addHost(n) {
  const ns = namespace(n);
  ip('netns', 'add', ns);
  ip('link', 'add', `fwh${n}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
  ip('link', 'set', `fwh${n}`, 'master', BRIDGE);
  ip('link', 'set', `fwh${n}`, 'up');
  ip('-n', ns, 'addr', 'add', `${address(n)}/24`, 'dev', 'eth0');
  ip('-n', ns, 'link', 'set', 'eth0', 'up');
  ip('-n', ns, 'link', 'set', 'lo', 'up');
}

/// Drops all traffic between the groups of nodes (arrays of node numbers); a pair already apart
/// stays apart.
export function partition(...groups) {
  for (const group of groups) {
    for (const other of groups.filter((g) => g !== group)) {
      for (const n of group) for (const m of other) ip('-n', namespace(n), 'route', 'replace', 'blackhole', `${address(m)}/32`);
    }
  }
}

/// Lifts every partition of nodes 1..count, or of the nodes listed.
export function heal(count) {
  const hosts = Array.isArray(count) ? count : Array.from({ length: count }, (_, i) => i + 1);
  for (const n of hosts) {
    const routes = ip('-n', namespace(n), 'route', 'show', 'type', 'blackhole').split('\n').filter(Boolean);
    for (const route of routes) ip('-n', namespace(n), 'route', 'del', 'blackhole', route.trim().split(/\s+/).pop());
  }
}

/// Node `n`'s libp2p key (fixed, so its peer id is known before it starts) and peer id.
const nodeKey = (n) => n.toString(16).padStart(64, '0');
export function peerId(n) {
  return execFileSync(nodeBinary(), ['key', 'inspect-node-key'], { input: nodeKey(n) }).toString().trim();
}
export const bootnode = (n) => `/ip4/${address(n)}/tcp/${P2P_PORT}/p2p/${peerId(n)}`;

function portOpen(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/// Starts node `n` in its namespace: `spec` (a raw spec's path), `args` (e.g. ['--alice'] or
/// ['--sync', 'warp']), bootnodes. With `delay: { ms, loss }` the node listens on its
/// namespace's loopback and a relay (lib/relay.mjs) on its address carries every peer
/// connection, `ms` later each way, with TCP-like stalls for a `loss` share of chunks. Returns
/// { n, process, log (path), api(), stop() } once its RPC answers.
export async function startNode(n, { spec, args = [], bootnodes = [], base, delay }) {
  const dir = `${base}/node${n}`;
  mkdirSync(dir, { recursive: true });
  const log = `${dir}.log`;
  let relay;
  if (delay) {
    relay = spawn('ip', ['netns', 'exec', namespace(n), process.execPath, new URL('./relay.mjs', import.meta.url).pathname,
      address(n), `${P2P_PORT}`, '127.0.0.1', `${P2P_PORT}`, `${delay.ms}`, `${delay.loss}`], { stdio: 'ignore' });
  }
  const listen = delay
    ? ['--listen-addr', `/ip4/127.0.0.1/tcp/${P2P_PORT}`, '--public-addr', `/ip4/${address(n)}/tcp/${P2P_PORT}`]
    : ['--listen-addr', `/ip4/${address(n)}/tcp/${P2P_PORT}`];
  const child = spawn('ip', ['netns', 'exec', namespace(n), nodeBinary(),
    '--chain', spec, '--base-path', dir, '--node-key', nodeKey(n),
    ...listen,
    '--rpc-port', `${RPC_PORT}`, '--rpc-external', '--rpc-cors', 'all',
    '--no-mdns', '--no-prometheus', '--no-telemetry', '--allow-private-ip',
    ...(bootnodes.length ? ['--bootnodes', ...bootnodes] : []), ...args,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(log);
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const deadline = Date.now() + 60_000;
  while (!(await portOpen(address(n), RPC_PORT))) {
    if (child.exitCode !== null) throw new Error(`node ${n} exited early:\n${readFileSync(log, 'utf8').slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`node ${n}'s RPC did not come up`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const apis = [];
  return {
    n,
    process: child,
    log,
    logText: () => readFileSync(log, 'utf8'),
    /// Plain JSON-RPC (no metadata): for a node still syncing, whose state polkadot.js cannot
    /// read yet.
    rpc: async () => {
      const provider = new WsProvider(`ws://${address(n)}:${RPC_PORT}`);
      await provider.isReady;
      apis.push(provider);
      return (method, params = []) => provider.send(method, params);
    },
    api: async () => {
      const api = await ApiPromise.create({ provider: new WsProvider(`ws://${address(n)}:${RPC_PORT}`), noInitWarn: true, signedExtensions: SIGNED_EXTENSIONS });
      apis.push(api);
      return api;
    },
    stop: async () => {
      for (const api of apis) await api.disconnect().catch(() => {});
      if (child.exitCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
      if (relay && relay.exitCode === null) {
        relay.kill('SIGKILL');
        await new Promise((r) => relay.once('exit', r));
      }
    },
  };
}

/// A fresh directory for the nodes' databases and logs.
export function baseDir(tag) {
  const dir = `${tmpdir()}/flywheel-${tag}-${process.pid}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
