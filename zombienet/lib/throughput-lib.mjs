// SPDX-License-Identifier: Apache-2.0
// Helpers of the throughput benchmark (zombienet/throughput.mjs): a dev node whose log and
// Prometheus exporter are read while it runs, a follower node that imports its blocks (the import
// time other nodes pay), submission over several connections and inclusion tracking.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { blake2AsHex } from '@polkadot/util-crypto';
import { hexToU8a } from '@polkadot/util';
import { nodeBinary, portOpen, SIGNED_EXTENSIONS } from './chain.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The node's log

/// Milliseconds of a log line's local timestamp (`2026-12-06 23:52:36.078`), on the clock
/// `Date.now()` uses: the node logs local time.
function logTime(line) {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
  return m ? new Date(`${m[1]}T${m[2]}`).getTime() : null;
}

/// A Rust `Duration` as `Debug` prints it (`831ns`, `1.5µs`, `5.37ms`, `6.8s`), in µs.
function micros(text) {
  const m = /^([\d.]+)(ns|µs|us|ms|s)$/.exec(text);
  if (!m) return NaN;
  return Number(m[1]) * { ns: 1e-3, µs: 1, us: 1, ms: 1e3, s: 1e6 }[m[2]];
}

/// What the benchmark reads of a node's log, line by line:
/// - sc-basic-authorship (info): `🙌 Starting consensus session on top of parent 0x… (#N)`,
///   `🎁 Prepared block for proposing at N+1 (X ms) hash: …; end: REASON; extrinsics_count: C`
///   (X: the time to build the block, `block_took`; REASON: `NoMoreTransactions`,
///   `HitDeadline`, `HitBlockWeightLimit` or `HitBlockSizeLimit`);
/// - its debug lines (`-lbasic-authorship=debug`) `Block seems full, but will try …` and
///   `Transaction would overflow the block size limit …`: transactions the block refused;
/// - aura's `🔖 Pre-sealed block for proposal at N` and the informant's `🏆 Imported #N`: the
///   author's own import of the block it built (seal and commit; it does not execute it again);
/// - the pool's throttled statistics (`-ltxpoolstats=debug`), e.g.
///   `txpoolstats: validate_transaction_blocking_stats: count=1217, min=…, avg=307.072µs, …`:
///   each entry is printed once, when it leaves the 3 s window, so count × avg summed over the
///   lines of a period is the total time of that period's entries.
export class NodeLog {
  constructor() {
    this.blocks = new Map();
    this.poolStats = [];
    this.tail = [];
    this.partial = '';
    this.building = null;
  }

  block(n) {
    if (!this.blocks.has(n)) this.blocks.set(n, { number: n, weightSkips: 0, sizeSkips: 0 });
    return this.blocks.get(n);
  }

  feed(chunk) {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop();
    for (const line of lines) this.line(line);
  }

  line(line) {
    this.tail.push(line);
    if (this.tail.length > 200) this.tail.shift();
    const t = logTime(line);
    let m;
    if ((m = /Starting consensus session on top of parent \S+ \(#(\d+)\)/.exec(line))) {
      this.building = Number(m[1]) + 1;
      this.block(this.building).sessionAt = t;
    } else if ((m = /Prepared block for proposing at (\d+) \((\d+) ms\).*end: (\w+); extrinsics_count: (\d+)/.exec(line))) {
      Object.assign(this.block(Number(m[1])), { proposeMs: Number(m[2]), end: m[3], extrinsics: Number(m[4]), preparedAt: t });
    } else if (/Block seems full/.test(line) && this.building !== null) {
      this.block(this.building).weightSkips++;
    } else if (/would overflow the block size limit/.test(line) && this.building !== null) {
      this.block(this.building).sizeSkips++;
    } else if ((m = /Pre-sealed block for proposal at (\d+)/.exec(line))) {
      this.block(Number(m[1])).sealedAt = t;
    } else if ((m = /Imported #(\d+)/.exec(line))) {
      const b = this.block(Number(m[1]));
      if (b.importedAt === undefined) b.importedAt = t;
    } else if ((m = /txpoolstats: (\w+): count=(\d+), .*avg=([\d.]+(?:ns|µs|us|ms|s)),/.exec(line))) {
      this.poolStats.push({ t, name: m[1], count: Number(m[2]), avgUs: micros(m[3]) });
    }
  }

  /// Per statistic, the entries logged in [from, to) (ms): { count, meanUs }.
  poolStatsBetween(from, to) {
    const out = {};
    for (const s of this.poolStats) {
      if (s.t < from || s.t >= to) continue;
      const o = (out[s.name] ??= { count: 0, totalUs: 0 });
      o.count += s.count;
      o.totalUs += s.count * s.avgUs;
    }
    for (const o of Object.values(out)) o.meanUs = o.count ? o.totalUs / o.count : null;
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Prometheus

/// The node's metrics as Map(`name{labels}` → value), without the `chain` label every metric
/// carries (`substrate_block_height{status="best"}`, `substrate_proposer_block_constructed_sum`).
export async function scrape(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const metrics = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = (m[2] ?? '').match(/\w+="(?:[^"\\]|\\.)*"/g)?.filter((l) => !l.startsWith('chain=')) ?? [];
    metrics.set(labels.length ? `${m[1]}{${labels.join(',')}}` : m[1], Number(m[3]));
  }
  return metrics;
}

/// The metric families a node exposes (names without the histogram suffixes).
export async function metricFamilies(port) {
  const names = new Set();
  for (const key of (await scrape(port)).keys()) names.add(key.replace(/\{.*$/, '').replace(/_(bucket|sum|count)$/, ''));
  return [...names].sort();
}

/// Samples a node's metrics after each of its blocks: `at(n)` is the sample taken just after
/// block n was imported (the histograms of building and importing a block are observed right
/// after, hence the short delay), so a window's figures are differences of two samples.
export class BlockSampler {
  constructor(port) {
    this.port = port;
    this.samples = new Map();
    this.chain = Promise.resolve();
  }

  onBlock(n) {
    this.chain = this.chain.then(async () => {
      await sleep(300);
      try { this.samples.set(n, await scrape(this.port)); } catch { /* the node is stopping */ }
    });
  }

  async settle() { await this.chain; }

  /// The latest sample at or before block n.
  at(n) {
    let best = null;
    for (const [k, v] of this.samples) if (k <= n && (best === null || k > best[0])) best = [k, v];
    return best?.[1] ?? null;
  }

  latest() { return this.at(Infinity); }
}

/// `after − before` of `name`, and of a histogram `name` its count and mean (Δsum / Δcount).
export function delta(before, after, name) {
  if (!before || !after) return null;
  if (after.has(`${name}_count`)) {
    const count = after.get(`${name}_count`) - (before.get(`${name}_count`) ?? 0);
    const sum = after.get(`${name}_sum`) - (before.get(`${name}_sum`) ?? 0);
    return { count, sum, mean: count ? sum / count : null };
  }
  return after.has(name) ? after.get(name) - (before.get(name) ?? 0) : null;
}

// ---------------------------------------------------------------------------------------------
// Nodes

const children = new Set();
// Never leave a node behind, whatever ends this process (SIGTERM: the node still removes its
// --tmp directory).
process.on('exit', () => { for (const c of children) c.kill('SIGTERM'); });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/// Starts `flywheel-node` with `args` plus RPC port `ports.rpc`, p2p port `ports.p2p` and the
/// Prometheus exporter on `ports.prometheus`, its log parsed by a NodeLog (the authorship and
/// pool statistics targets at debug); resolves once its RPC answers with
/// { api, log, sampler, child, stop() }. Fails with the node's output when it exits first.
export async function startNode(args, ports, { connectApi = true } = {}) {
  // A port already taken (another run) would make the node fall back to a random RPC port and
  // this script talk to the other run's node.
  for (const port of Object.values(ports)) {
    if (await portOpen(port)) throw new Error(`port ${port} is in use (another run? --port-base moves this one)`);
  }
  const child = spawn(
    nodeBinary(),
    [
      ...args,
      '--rpc-port', String(ports.rpc), '--port', String(ports.p2p),
      '--prometheus-port', String(ports.prometheus),
      '--no-telemetry', '--no-mdns',
      '-lbasic-authorship=debug,txpoolstats=debug',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.add(child);
  const log = new NodeLog();
  child.stderr.on('data', (d) => log.feed(d.toString()));
  let stopping = false;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  exited.then((code) => {
    children.delete(child);
    if (!stopping) console.error(`node on port ${ports.rpc} exited (${code}):\n${log.tail.slice(-30).join('\n')}`);
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      // Past a minute it is killed, and leaves its --tmp directory behind.
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    const deadline = Date.now() + 120_000;
    while (!(await portOpen(ports.rpc))) {
      if (child.exitCode !== null) throw new Error(`node exited early:\n${log.tail.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`node RPC did not come up:\n${log.tail.join('\n')}`);
      await sleep(300);
    }
    const api = connectApi
      ? await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${ports.rpc}`), noInitWarn: true, signedExtensions: SIGNED_EXTENSIONS })
      : null;
    return {
      api, log, child, ports,
      sampler: new BlockSampler(ports.prometheus),
      stop: async () => { if (api) await api.disconnect().catch(() => {}); await stop(); },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/// A fixed node key (written to a file) and the peer id `flywheel-node key inspect-node-key`
/// gives it: the follower's bootnode address names the author's peer id.
export function nodeKey() {
  const dir = mkdtempSync(`${tmpdir()}/flywheel-throughput-`);
  const file = `${dir}/node-key`;
  writeFileSync(file, '0000000000000000000000000000000000000000000000000000000000000001');
  const peerId = execFileSync(nodeBinary(), ['key', 'inspect-node-key', '--file', file], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString().trim();
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.on('exit', remove);
  return { file, peerId, remove };
}

/// Calls `onHead(number)` for each new best block of the node at `rpcPort` (a raw
/// subscription: the follower needs no metadata). Resolves with an unsubscribe function.
export async function followHeads(rpcPort, onHead) {
  const provider = new WsProvider(`ws://127.0.0.1:${rpcPort}`);
  await provider.isReady;
  await provider.subscribe('chain_newHead', 'chain_subscribeNewHeads', [], (err, header) => {
    if (!err && header) onHead(parseInt(header.number, 16));
  });
  return () => provider.disconnect().catch(() => {});
}

// ---------------------------------------------------------------------------------------------
// Blocks and inclusion

/// Follows the node's new best blocks in order (each one exactly once, fetching any it skipped)
/// and records each block's extrinsic hashes (blake2 of the raw bytes: no decoding of thousands
/// of extrinsics) and timestamp; resolves the waits of transactions it includes.
export class ChainWatch {
  constructor(api, onBlock = () => {}) {
    this.api = api;
    this.onBlock = onBlock;
    this.blocks = new Map();
    this.waiting = new Map();
    this.last = null;
    this.chain = Promise.resolve();
    this.listeners = new Set();
    this.lastBlockAt = Date.now();
  }

  async start() {
    this.last = (await this.api.rpc.chain.getHeader()).number.toNumber();
    this.unsub = await this.api.rpc.chain.subscribeNewHeads((header) => {
      const target = header.number.toNumber();
      this.chain = this.chain.then(() => this.catchUp(target)).catch((e) => console.error('block watch:', e.message));
    });
  }

  async catchUp(target) {
    const provider = this.api._rpcCore.provider;
    while (this.last < target) {
      const n = this.last + 1;
      const hash = (await this.api.rpc.chain.getBlockHash(n)).toHex();
      const { block } = await provider.send('chain_getBlock', [hash]);
      const hashes = block.extrinsics.map((x) => blake2AsHex(hexToU8a(x)));
      const record = { number: n, hash, hashes, raw: block.extrinsics, timestamp: this.timestamp(block.extrinsics) };
      this.blocks.set(n, record);
      this.last = n;
      this.lastBlockAt = Date.now();
      hashes.forEach((h, index) => {
        const w = this.waiting.get(h);
        if (w) { this.waiting.delete(h); w({ number: n, index }); }
      });
      this.onBlock(n);
      for (const l of this.listeners) l(record);
    }
  }

  /// The block's `timestamp.set` inherent's argument (ms).
  timestamp(raw) {
    for (const x of raw.slice(0, 4)) {
      const ext = this.api.createType('Extrinsic', x);
      if (ext.method.section === 'timestamp' && ext.method.method === 'set') return Number(ext.method.args[0].toString());
    }
    return null;
  }

  /// Waits for every hash to be in a block from block `from` on (blocks already seen count:
  /// a block may include them before the wait starts). Returns { done, forget(hashes) }: `done`
  /// resolves with Map(hash → { number, index }), or fails when `stallBlocks` blocks pass without
  /// one of them; `forget` stops waiting for some (the pool refused them).
  waitAll(hashes, from, stallBlocks = 10) {
    const found = new Map();
    const pending = new Set(hashes);
    let settle;
    const done = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    done.catch(() => {}); // the caller awaits it later (after submitting): not unhandled meanwhile
    let idle = 0;
    const finish = () => {
      if (pending.size) return;
      clearInterval(clock);
      this.listeners.delete(listener);
      settle.resolve(found);
    };
    const fail = (why) => {
      clearInterval(clock);
      this.listeners.delete(listener);
      for (const h of pending) this.waiting.delete(h);
      settle.reject(Object.assign(new Error(`${pending.size} of ${hashes.length} transactions not included: ${why}`), { found, pending }));
    };
    const listener = () => {
      if (pending.size && ++idle > stallBlocks) fail(`${stallBlocks} blocks without one`);
    };
    // No block for a minute (a 6 s chain): the node is gone or stuck.
    const clock = setInterval(() => {
      if (pending.size && Date.now() - this.lastBlockAt > 60_000) fail('no block for a minute');
    }, 5000);
    const include = (h, at) => { found.set(h, at); pending.delete(h); idle = 0; };
    for (const [n, b] of this.blocks) {
      if (n < from) continue;
      b.hashes.forEach((h, index) => { if (pending.has(h)) include(h, { number: n, index }); });
    }
    for (const h of pending) this.waiting.set(h, (at) => { include(h, at); finish(); });
    this.listeners.add(listener);
    finish();
    return {
      done,
      forget: (gone) => {
        for (const h of gone) { pending.delete(h); this.waiting.delete(h); }
        finish();
      },
    };
  }

  stop() { if (this.unsub) this.unsub(); }
}

// ---------------------------------------------------------------------------------------------
// Submission

/// A transaction pool error as a short key: the pool's own text, with numbers that differ from
/// one transaction to another (priorities) left out.
export function errorKey(e) {
  return String(e?.message ?? e).replace(/\(\d+ vs \d+\)/, '(a vs b)').slice(0, 160);
}

/// Several websocket connections to one node: `author_submitExtrinsic` of many transactions,
/// `inflight` requests at a time on each connection (one connection serialises its messages,
/// and the node answers a submission only once the pool has validated it).
export class Submitter {
  constructor(rpcPort, connections) {
    this.providers = Array.from({ length: connections }, () => new WsProvider(`ws://127.0.0.1:${rpcPort}`, 1000, {}, 600_000));
  }

  async ready() { await Promise.all(this.providers.map((p) => p.isReady)); }

  /// Submits every hex extrinsic (in order, spread over the connections); resolves with
  /// { accepted, rejected: { error: count }, rejectedHashes: Set, seconds }.
  async submitAll(items, inflight = 64) {
    const rejected = {};
    const rejectedHashes = new Set();
    let next = 0;
    let accepted = 0;
    const start = Date.now();
    const worker = async (provider) => {
      while (next < items.length) {
        const item = items[next++];
        try {
          await provider.send('author_submitExtrinsic', [item.hex]);
          accepted++;
        } catch (e) {
          const k = errorKey(e);
          rejected[k] = (rejected[k] ?? 0) + 1;
          rejectedHashes.add(item.hash);
        }
      }
    };
    await Promise.all(this.providers.flatMap((p) => Array.from({ length: inflight }, () => worker(p))));
    return { accepted, rejected, rejectedHashes, seconds: (Date.now() - start) / 1000 };
  }

  /// `author_submitAndWatchExtrinsic` on connection `c`; `onStatus(status)` gets the pool's
  /// statuses (`future`, `ready`, { inBlock }, `dropped`, `invalid`, { usurped } …). Resolves
  /// with an unwatch function, rejects with the submission's error.
  async watch(c, hex, onStatus) {
    const provider = this.providers[c % this.providers.length];
    const id = await provider.subscribe('author_extrinsicUpdate', 'author_submitAndWatchExtrinsic', [hex], (err, status) => {
      if (!err) onStatus(status);
    });
    return () => provider.unsubscribe('author_extrinsicUpdate', 'author_unwatchExtrinsic', id).catch(() => {});
  }

  async close() { await Promise.all(this.providers.map((p) => p.disconnect().catch(() => {}))); }
}

// ---------------------------------------------------------------------------------------------
// Formatting

export const fmt = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(digits));

/// A table as aligned text: `rows` of arrays, the first the header.
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n');
}
