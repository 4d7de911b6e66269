// SPDX-License-Identifier: Apache-2.0
// Throughput benchmark (a script, never a test): against a fresh `flywheel-node --dev`, N accounts
// each submit one transaction per load, and the script reports how fast the chain includes them
// and what bounded each block.
//
//   node throughput.mjs [N] [LOADS] [--json PATH] [--burst K] [--connections C] [--no-follower]
//                       [--node-args "ARGS"] [--port-base P] [--base-path DIR] [--sweep]
//
//   N       accounts, and transactions per load (default 3000)
//   LOADS   comma-separated, default burns,transfers,mixed; `all` adds burst:
//           burns      Data Credits burns (`dataCredits.burnDataCredits`, usage of subDAO 0)
//           transfers  `balances.transferKeepAlive` to Bob
//           new-accounts  `balances.transferKeepAlive` to a new account each (the benchmark's
//                      worst case; not in the default list)
//           mixed      burns, transfers, `bonding.bond` to operator Eve and `subnets.addStake` to
//                      Eve's hotkey (//Eve//stash) on subnet 0, in equal parts
//           burst      one account per variant sends K (default 200) transfers with nonces
//                      n..n+K-1: all at once in nonce order, one after the other, in reverse, and
//                      shuffled; counts what the pool accepted, dropped and included
//   --json PATH         also writes every figure (per block, per load) as JSON
//   --connections C     websocket connections submitting in parallel (default 4)
//   --no-follower       no second node: no import time, but nothing else uses the CPU
//   --node-args "ARGS"  more arguments for the authoring node (e.g. "--pool-type single-state")
//   --port-base P       the author's RPC, p2p and Prometheus ports P..P+2, the follower's P+3..P+5
//                       (default 19970; on 127.0.0.1)
//   --base-path DIR     keep the author's database in DIR (default: a --tmp one), e.g. for
//                       `flywheel-node benchmark storage --dev --base-path DIR` on the state left
//   --sweep             only the burst, on a fresh node for each pool option (see SWEEP)
//
// Per load: included transactions per second over the blocks that included them (from the
// timestamp of the block before the first to that of the last), per block: the count, the share
// of what the block's normal-class weight allows, the `system.blockWeight` classes, why the
// proposer ended the block, its build time (sc-basic-authorship's log) and its import time on a
// follower node (Prometheus); and the pool's validation time per transaction.
import { Keyring } from '@polkadot/api';
import { randomAsHex } from '@polkadot/util-crypto';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { FLY, devKeyring, nodeBinary } from './lib/chain.mjs';
import {
  startNode, nodeKey, followHeads, ChainWatch, Submitter, scrape, metricFamilies, delta, errorKey, sleep, fmt, table,
} from './lib/throughput-lib.mjs';

// ---------------------------------------------------------------------------------------------
// Arguments

const argv = process.argv.slice(2);
const opt = { json: null, burst: 200, connections: 4, follower: true, nodeArgs: [], sweep: false, portBase: 19970, basePath: null };
const positional = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--json') opt.json = argv[++i];
  else if (a === '--burst') opt.burst = Number(argv[++i]);
  else if (a === '--connections') opt.connections = Number(argv[++i]);
  else if (a === '--no-follower') opt.follower = false;
  else if (a === '--node-args') opt.nodeArgs = argv[++i].split(/\s+/).filter(Boolean);
  else if (a === '--sweep') opt.sweep = true;
  else if (a === '--port-base') opt.portBase = Number(argv[++i]);
  else if (a === '--base-path') opt.basePath = argv[++i];
  else if (a.startsWith('--')) throw new Error(`unknown option ${a} (see the header of throughput.mjs)`);
  else positional.push(a);
}
const N = Number(positional[0] ?? 3000);
const LOADS = (positional[1] ?? 'burns,transfers,mixed').replace('all', 'burns,transfers,mixed,burst').split(',');
for (const l of LOADS) if (!['burns', 'transfers', 'new-accounts', 'mixed', 'burst'].includes(l)) throw new Error(`unknown load ${l}`);
if (!(N > 0) || !(opt.burst > 0) || !(opt.connections > 0)) throw new Error('N, K and C must be positive');

const P = opt.portBase;
const AUTHOR = { rpc: P, p2p: P + 1, prometheus: P + 2 };
const FOLLOWER = { rpc: P + 3, p2p: P + 4, prometheus: P + 5 };

const FUND = 5n * FLY; // each account: fees, a transfer, a 1 FLY bond or stake (MinBond, MinStake)
const TRANSFER = FLY / 100n;
const NEW_ACCOUNT = FLY / 50n; // twice the existential deposit: creates the account
const BOND = FLY;
const STAKE = FLY;
const MINT_DC = 10_000; // DC per account (new balances start at MinimumCredits = 1,000)
const BURN_DC = 1_000;
const BATCH = 1000; // calls per utility.batchAll of the setup
const BURST_VARIANTS = ['forward', 'sequential', 'reverse', 'shuffled'];
// Pool options the burst is tried with (--sweep): the future queue holds pool-limit/10
// transactions and pool-kbytes/10 kB (sc-transaction-pool's builder), a dev chain bans invalid
// transactions for 0 s unless --tx-ban-seconds says otherwise (1800 s elsewhere).
const SWEEP = [
  [],
  ['--tx-ban-seconds', '1800'],
  ['--pool-limit', '1000'],
  ['--pool-limit', '100000'],
  ['--pool-kbytes', '200'],
  ['--pool-type', 'single-state'],
  ['--pool-best-blocks-only'],
];

// Prometheus metrics read per load (the author's unless noted); `--json` lists all it exposes.
const HISTOGRAMS = {
  proposerBuild: 'substrate_proposer_block_constructed',
  proposerTotal: 'substrate_proposer_block_proposal_time',
  inherents: 'substrate_proposer_create_inherents_time',
  poolMaintain: 'substrate_sub_txpool_maintain_duration_seconds',
  viewRevalidation: 'substrate_sub_txpool_view_revalidation_duration_seconds',
  submitToReady: 'substrate_sub_txpool_timing_event_ready',
  submitToFuture: 'substrate_sub_txpool_timing_event_future',
  submitToInBlock: 'substrate_sub_txpool_timing_event_in_block',
  submitToDropped: 'substrate_sub_txpool_timing_event_dropped',
};
const COUNTERS = {
  validations: 'substrate_sub_txpool_validations_finished',
  submitted: 'substrate_sub_txpool_submitted_txs_total',
  fromMempool: 'substrate_sub_txpool_submitted_from_mempool_txs_total',
  reportedInvalid: 'substrate_sub_txpool_reported_invalid_txs_total',
  removedInvalid: 'substrate_sub_txpool_removed_invalid_txs_total',
};
const IMPORT = 'substrate_block_verification_and_import_time'; // the follower's: the author never imports through the queue

// ---------------------------------------------------------------------------------------------
// Signing and setup

/// Signs `tx` by `pair` at `nonce`, immortal (no header lookup per transaction, and the hash
/// identifies the transaction for the whole run); returns its hex, hash and length.
function signer(api) {
  const base = { blockHash: api.genesisHash, genesisHash: api.genesisHash, runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions };
  return (tx, pair, nonce) => {
    tx.sign(pair, { ...base, nonce });
    return { hex: tx.toHex(), hash: tx.hash.toHex(), length: tx.encodedLength, tx };
  };
}

/// The pre-dispatch weight and class of a signed transaction: what CheckWeight charges the block
/// before dispatch (WeightReclaim may refund some after), queryInfo's weight (call and
/// extensions) plus the class's base extrinsic weight, which queryInfo leaves out.
async function weightOf(api, signed) {
  const info = await api.call.transactionPaymentApi.queryInfo(signed.tx.toU8a(), signed.length);
  const cls = info.class.toString();
  const base = api.consts.system.blockWeights.perClass[cls.toLowerCase()].baseExtrinsic;
  return {
    refTime: Number(info.weight.refTime.toBigInt() + base.refTime.toBigInt()),
    proofSize: Number(info.weight.proofSize.toBigInt() + base.proofSize.toBigInt()),
    class: cls,
  };
}

/// Per included transaction (Map hash → { number, index }): the dispatch errors of those that
/// failed, counted by name.
async function failures(api, found) {
  const byBlock = new Map();
  for (const { number, index } of found.values()) {
    if (!byBlock.has(number)) byBlock.set(number, new Set());
    byBlock.get(number).add(index);
  }
  const errors = {};
  let failed = 0;
  for (const [number, indices] of byBlock) {
    const at = await api.at(await api.rpc.chain.getBlockHash(number));
    for (const { phase, event } of await at.query.system.events()) {
      if (!phase.isApplyExtrinsic || !indices.has(phase.asApplyExtrinsic.toNumber())) continue;
      if (!api.events.system.ExtrinsicFailed.is(event)) continue;
      const err = event.data[0];
      const name = err.isModule ? (({ section, name: n }) => `${section}.${n}`)(api.registry.findMetaError(err.asModule)) : err.toString();
      errors[name] = (errors[name] ?? 0) + 1;
      failed++;
    }
  }
  return { failed, errors };
}

/// Alice's setup calls in utility.batchAll batches, signed with consecutive nonces and submitted
/// one after the other (so the pool gets them in nonce order) without waiting for blocks between
/// them: several batches land in each block. Fails if one is not included or fails.
async function aliceBatches(ctx, calls, what) {
  const { api, watch, sign, keys } = ctx;
  const provider = api._rpcCore.provider;
  let nonce = (await api.rpc.system.accountNextIndex(keys.alice.address)).toNumber();
  const signed = [];
  for (let i = 0; i < calls.length; i += BATCH) signed.push(sign(api.tx.utility.batchAll(calls.slice(i, i + BATCH)), keys.alice, nonce++));
  const maxExtrinsic = Number(api.consts.system.blockWeights.perClass.normal.maxExtrinsic.unwrap().refTime.toBigInt());
  const w = await weightOf(api, signed[0]);
  if (w.refTime > maxExtrinsic) throw new Error(`a setup batch weighs ${w.refTime}, above maxExtrinsic ${maxExtrinsic}: lower BATCH`);
  const from = watch.last + 1;
  const t0 = Date.now();
  for (const s of signed) await provider.send('author_submitExtrinsic', [s.hex]);
  const found = await watch.waitAll(signed.map((s) => s.hash), from).done;
  const { failed, errors } = await failures(api, found);
  if (failed) throw new Error(`${what}: ${failed} batches failed: ${JSON.stringify(errors)}`);
  const blocks = new Set([...found.values()].map((f) => f.number));
  console.log(`  ${what}: ${calls.length} calls in ${signed.length} batches, ${blocks.size} blocks, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/// The dev chain's price feed (minting needs a price), and the operator and hotkey the mixed
/// load bonds and stakes to (the `development` genesis preset's economy).
async function checkDevChain(ctx) {
  const { api, keys, hot } = ctx;
  for (let i = 0; (await api.call.dataCreditsApi.quoteFlyToDc(FLY)).isNone; i++) {
    if (i > 60) throw new Error('no FLY/USD price was fed within a minute');
    await sleep(1000);
  }
  if ((await api.query.bonding.operators(keys.eve.address)).isNone) throw new Error('operator Eve is not registered: not the development preset?');
  if ((await api.query.subnets.uids(0, hot.address)).isNone) throw new Error("Eve's hotkey //Eve//stash is not registered on subnet 0");
}

// ---------------------------------------------------------------------------------------------
// A load

const CALLS = {
  burn: (c) => c.api.tx.dataCredits.burnDataCredits(BURN_DC, { Usage: { subdao: 0 } }),
  transfer: (c) => c.api.tx.balances.transferKeepAlive(c.keys.bob.address, TRANSFER),
  // To an account that does not exist yet: `transfer_keep_alive`'s benchmarked worst case.
  transferNew: (c) => c.api.tx.balances.transferKeepAlive(randomAsHex(32), NEW_ACCOUNT),
  bond: (c) => c.api.tx.bonding.bond(c.keys.eve.address, BOND),
  stake: (c) => c.api.tx.subnets.addStake(0, c.hot.address, STAKE),
};
const KINDS = { burns: ['burn'], transfers: ['transfer'], 'new-accounts': ['transferNew'], mixed: ['burn', 'transfer', 'bond', 'stake'] };

/// One transaction from each account, all submitted at once; resolves with the load's figures.
async function runLoad(ctx, name) {
  const { api, watch, sign, accounts, nonces, author, follower } = ctx;
  const kinds = KINDS[name];
  console.log(`\n${name}: signing ${N} transactions (${kinds.join(', ')})`);
  const items = accounts.map((a, i) => ({ ...sign(CALLS[kinds[i % kinds.length]](ctx), a, nonces[i]), kind: kinds[i % kinds.length] }));
  const weights = {};
  for (const k of kinds) weights[k] = await weightOf(api, items.find((it) => it.kind === k));
  for (const it of items) delete it.tx;
  const byHash = new Map(items.map((it) => [it.hash, it]));

  // Start on a quiet chain: the setup's or the last load's blocks are done.
  await sleep(1000);
  const startBlock = watch.last;
  const mStart = await scrape(AUTHOR.prometheus);
  const start = Date.now();
  const waiting = watch.waitAll(items.map((it) => it.hash), startBlock + 1, 10);
  const submission = await ctx.submitter.submitAll(items);
  console.log(`  submitted in ${submission.seconds.toFixed(1)} s over ${opt.connections} connections: ${submission.accepted} accepted` +
    (Object.keys(submission.rejected).length ? `, rejected: ${JSON.stringify(submission.rejected)}` : ''));
  waiting.forget(submission.rejectedHashes);
  let found;
  try {
    found = await waiting.done;
  } catch (e) {
    throw new Error(`${name}: ${e.message}`);
  }
  items.forEach((it, i) => { if (found.has(it.hash)) nonces[i]++; });
  const numbers = [...found.values()].map((f) => f.number);
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  // The samples after the last block (and the follower's import of it).
  await author.sampler.settle();
  if (follower) {
    for (let i = 0; i < 100 && !follower.sampler.samples.has(last); i++) await sleep(300);
    await follower.sampler.settle();
  }
  // The pool prints a statistics entry only once a later one arrives after its 3 s window: a
  // stale transaction (an old nonce) costs one validation and prints the load's last entries.
  await sleep(3500);
  const stale = sign(api.tx.system.remark(`flush ${name}`), ctx.keys.alice, 0);
  await api._rpcCore.provider.send('author_submitExtrinsic', [stale.hex]).catch(() => {});
  await sleep(500);
  const mEnd = await scrape(AUTHOR.prometheus);
  const end = Date.now();

  // Per block.
  const bw = api.consts.system.blockWeights;
  const maxBlock = { refTime: Number(bw.maxBlock.refTime.toBigInt()), proofSize: Number(bw.maxBlock.proofSize.toBigInt()) };
  const maxNormal = {
    refTime: Number(bw.perClass.normal.maxTotal.unwrap().refTime.toBigInt()),
    proofSize: Number(bw.perClass.normal.maxTotal.unwrap().proofSize.toBigInt()),
  };
  // A block of the window that took none of the load is measured at the load's mean weight.
  const meanWeight = { refTime: 0, proofSize: 0 };
  for (const h of found.keys()) {
    const w = weights[byHash.get(h).kind];
    meanWeight.refTime += w.refTime / found.size;
    meanWeight.proofSize += w.proofSize / found.size;
  }
  const blocks = [];
  for (let n = first; n <= last; n++) {
    const rec = watch.blocks.get(n);
    const at = await api.at(rec.hash);
    const used = (await at.query.system.blockWeight()).toJSON();
    const counts = {};
    const loadWeight = { refTime: 0, proofSize: 0 };
    const otherNormal = { refTime: 0, proofSize: 0 };
    let included = 0;
    for (let i = 0; i < rec.hashes.length; i++) {
      const it = byHash.get(rec.hashes[i]);
      if (it) {
        included++;
        counts[it.kind] = (counts[it.kind] ?? 0) + 1;
        loadWeight.refTime += weights[it.kind].refTime;
        loadWeight.proofSize += weights[it.kind].proofSize;
        continue;
      }
      // Anything else signed in the block (a price feed is operational) takes its own share.
      const ext = api.createType('Extrinsic', rec.raw[i]);
      if (!ext.isSigned) continue;
      const w = await weightOf(api, { tx: ext, length: ext.encodedLength });
      if (w.class === 'Normal') { otherNormal.refTime += w.refTime; otherNormal.proofSize += w.proofSize; }
    }
    // Weight-limited count: how many of the load's transactions (at their mean pre-dispatch
    // weight w in this block: queryInfo + base extrinsic) the block's normal class could take:
    //   floor(min(normal.maxTotal − other normal transactions,
    //             maxBlock − mandatory − operational) / w)
    // per dimension (ref_time, proof_size), the smaller of the two: CheckWeight refuses a
    // normal transaction past the class's maxTotal, and past maxBlock in all (normal reserves
    // nothing). Mandatory (inherents, hooks) and operational (price feeds) use the block's
    // weight read from `system.blockWeight`. Share = included / that count; WeightReclaim's
    // refunds can let a block hold a little more than the count (share > 100%).
    const cap = (dim) => {
      const avail = Math.min(maxNormal[dim] - otherNormal[dim], maxBlock[dim] - used.mandatory[dim] - used.operational[dim]);
      const w = included ? loadWeight[dim] / included : meanWeight[dim];
      return w > 0 ? Math.floor(avail / w) : Infinity;
    };
    const capacity = Math.min(cap('refTime'), cap('proofSize'));
    const log = author.log.blocks.get(n) ?? {};
    const imp = follower ? delta(follower.sampler.at(n - 1), follower.sampler.at(n), IMPORT) : null;
    blocks.push({
      number: n,
      timestamp: rec.timestamp,
      extrinsics: rec.hashes.length,
      included,
      counts,
      capacity: Number.isFinite(capacity) ? capacity : null,
      share: Number.isFinite(capacity) ? included / capacity : null,
      weightPct: Object.fromEntries(['normal', 'operational', 'mandatory'].map((c) => [c, (100 * used[c].refTime) / maxBlock.refTime])),
      end: log.end ?? null,
      proposeMs: log.proposeMs ?? null,
      weightSkips: log.weightSkips ?? 0,
      sizeSkips: log.sizeSkips ?? 0,
      // The author's seal and import of its own block (no re-execution): Imported − Prepared.
      ownImportMs: log.importedAt != null && log.preparedAt != null ? log.importedAt - log.preparedAt : null,
      // The follower's verification and import (it executes the block): one observation.
      importMs: imp && imp.count === 1 ? imp.sum * 1000 : null,
    });
  }

  const ts = (n) => watch.blocks.get(n).timestamp;
  const seconds = (ts(last) - ts(first - 1)) / 1000;
  const inner = blocks.filter((b) => b.number > first && b.number < last);
  const steady = inner.length ? inner.reduce((s, b) => s + b.included, 0) / ((ts(last - 1) - ts(first)) / 1000) : null;
  const counts = blocks.map((b) => b.included);
  const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const num = (xs) => xs.filter((x) => x !== null && x !== undefined);
  const ends = {};
  for (const b of blocks) if (b.end) ends[b.end] = (ends[b.end] ?? 0) + 1;

  // The proposer's histograms over the load's blocks; the pool's over the load's window (from
  // its submission to the flush), as its log statistics.
  const aBefore = author.sampler.at(first - 1);
  const aAfter = author.sampler.at(last);
  const metrics = {};
  for (const [k, m] of Object.entries(HISTOGRAMS)) metrics[k] = k.startsWith('proposer') || k === 'inherents' ? delta(aBefore, aAfter, m) : delta(mStart, mEnd, m);
  for (const [k, m] of Object.entries(COUNTERS)) metrics[k] = delta(mStart, mEnd, m);
  if (follower) metrics.followerImport = delta(follower.sampler.at(first - 1), follower.sampler.at(last), IMPORT);

  const { failed, errors } = await failures(api, found);
  const proposeTotal = num(blocks.map((b) => b.proposeMs)).reduce((s, x) => s + x, 0);
  const importTotal = num(blocks.map((b) => b.importMs)).reduce((s, x) => s + x, 0);
  const result = {
    load: name,
    kinds,
    weights,
    submitted: N,
    submission: { seconds: submission.seconds, accepted: submission.accepted, rejected: submission.rejected },
    included: found.size,
    failed,
    errors,
    first,
    last,
    blocks,
    seconds,
    perSecond: found.size / seconds,
    steadyPerSecond: steady,
    perBlock: { mean: mean(counts), min: Math.min(...counts), max: Math.max(...counts) },
    shareMean: mean(num(blocks.map((b) => b.share))),
    ends,
    proposeMsMean: mean(num(blocks.map((b) => b.proposeMs))),
    importMsMean: mean(num(blocks.map((b) => b.importMs))),
    ownImportMsMean: mean(num(blocks.map((b) => b.ownImportMs))),
    // Time per transaction: the blocks' build (proposer) and import times over what they held.
    proposerUsPerTx: (1000 * proposeTotal) / found.size,
    importUsPerTx: follower ? (1000 * importTotal) / found.size : null,
    metrics,
    window: { start, end },
  };
  printLoad(result);
  return result;
}

function printLoad(r) {
  console.log(`  ${r.included} included (${r.failed} failed${r.failed ? ` ${JSON.stringify(r.errors)}` : ''}) in blocks #${r.first}–#${r.last}, ${r.seconds} s: ${fmt(r.perSecond)} tx/s` +
    (r.steadyPerSecond !== null ? `, ${fmt(r.steadyPerSecond)} tx/s in the blocks between the first and the last` : ''));
  console.log(`  pre-dispatch weight per transaction (queryInfo + base extrinsic): ${Object.entries(r.weights).map(([k, w]) => `${k} ${fmt(w.refTime / 1e6)} µs`).join(', ')}`);
  const rows = [['block', 'txs', 'of cap', 'share', 'normal%', 'oper%', 'mand%', 'end', 'skips', 'propose ms', 'own import ms', 'import ms']];
  for (const b of r.blocks) {
    rows.push([`#${b.number}`, b.included, b.capacity ?? '–', b.share === null ? '–' : `${fmt(100 * b.share)}%`,
      fmt(b.weightPct.normal), fmt(b.weightPct.operational, 2), fmt(b.weightPct.mandatory, 2), b.end ?? '?',
      b.weightSkips + b.sizeSkips, b.proposeMs ?? '–', b.ownImportMs ?? '–', b.importMs === null ? '–' : fmt(b.importMs)]);
  }
  console.log(table(rows).replace(/^/gm, '    '));
  const m = r.metrics;
  const ms = (h) => (h && h.count ? `${fmt(h.mean * 1000)} ms × ${h.count}` : '–');
  console.log(`  prometheus: proposer build ${ms(m.proposerBuild)}, proposal ${ms(m.proposerTotal)}, inherents ${ms(m.inherents)}` +
    (m.followerImport ? `, follower import ${ms(m.followerImport)}` : ''));
  console.log(`  pool: ${m.validations ?? '–'} validations, ${m.submitted ?? '–'} submitted, ${m.fromMempool ?? '–'} resubmitted from the mempool to new views, maintain ${ms(m.poolMaintain)}, view revalidation ${ms(m.viewRevalidation)}, ` +
    `submit→ready ${ms(m.submitToReady)}, submit→in block ${ms(m.submitToInBlock)}, dropped ${m.submitToDropped?.count ?? '–'}`);
}

// ---------------------------------------------------------------------------------------------
// Burst: K transactions of one account

/// A deterministic shuffle (the same order every run).
function shuffled(xs) {
  const out = [...xs];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/// `pair` sends K transfers with nonces n..n+K-1, each watched (author_submitAndWatchExtrinsic)
/// so the pool says what became of it; `forward` submits all at once in nonce order,
/// `sequential` waits for each submission's answer before the next, `reverse` and `shuffled`
/// submit all at once in those orders.
async function runBurst(ctx, variant, pair, K) {
  const { api, sign, keys, submitter, watch } = ctx;
  const n0 = (await api.rpc.system.accountNextIndex(pair.address)).toNumber();
  const items = Array.from({ length: K }, (_, i) => sign(api.tx.balances.transferKeepAlive(keys.bob.address, TRANSFER), pair, n0 + i));
  let order = items.map((_, i) => i);
  if (variant === 'reverse') order.reverse();
  if (variant === 'shuffled') order = shuffled(order);
  const state = items.map(() => ({ future: false, final: null, at: null, block: null }));
  let lastChange = Date.now();
  const unwatch = [];
  const start = Date.now();
  // One connection per 1,000 (a connection's subscription limit): the order holds on each.
  const submit = async (i, position) => {
    const s = state[i];
    try {
      unwatch.push(await submitter.watch(Math.floor(position / 1000), items[i].hex, (status) => {
        const key = typeof status === 'string' ? status : Object.keys(status)[0];
        if (key === 'future') s.future = true;
        if (s.final && s.final !== 'inBlock') return;
        if (key === 'inBlock') { s.final = 'inBlock'; s.at = Date.now(); s.block = status.inBlock; lastChange = Date.now(); }
        if (['dropped', 'invalid', 'usurped'].includes(key) && !s.final) { s.final = key; lastChange = Date.now(); }
      }));
    } catch (e) {
      s.final = `rejected: ${errorKey(e)}`;
    }
  };
  if (variant === 'sequential') for (const [p, i] of order.entries()) await submit(i, p);
  else await Promise.all(order.map((i, p) => submit(i, p)));
  const submitted = (Date.now() - start) / 1000;
  lastChange = Math.max(lastChange, Date.now() - 6000);
  // Until every transaction has an outcome, or 4 blocks pass without one.
  while (state.some((s) => !s.final) && Date.now() - lastChange < 24_000) await sleep(500);
  for (const u of unwatch) u();
  const nonce = (await api.rpc.system.accountNextIndex(pair.address)).toNumber();
  const onChain = (await api.query.system.account(pair.address)).nonce.toNumber();
  const count = (f) => state.filter((s) => s.final === f).length;
  const rejected = {};
  for (const s of state) if (s.final?.startsWith('rejected')) rejected[s.final.slice(10)] = (rejected[s.final.slice(10)] ?? 0) + 1;
  const inBlock = state.filter((s) => s.final === 'inBlock');
  const numbers = new Set();
  for (const s of inBlock) for (const [n, b] of watch.blocks) if (b.hash === s.block) numbers.add(n);
  const r = {
    variant, K,
    accepted: K - Object.values(rejected).reduce((a, b) => a + b, 0),
    rejected,
    sawFuture: state.filter((s) => s.future).length,
    included: inBlock.length,
    dropped: count('dropped'),
    invalid: count('invalid'),
    usurped: count('usurped'),
    noOutcome: count(null),
    onChainNonceDelta: onChain - n0,
    poolNonceDelta: nonce - n0,
    blocks: numbers.size,
    submitSeconds: submitted,
    lastIncludedSeconds: inBlock.length ? (Math.max(...inBlock.map((s) => s.at)) - start) / 1000 : null,
  };
  console.log(`  ${variant.padEnd(10)} ${r.accepted}/${K} accepted${Object.keys(rejected).length ? ` (rejected: ${JSON.stringify(rejected)})` : ''}, ` +
    `${r.sawFuture} went future, ${r.included} included in ${r.blocks} blocks (on-chain nonce +${r.onChainNonceDelta}), ` +
    `${r.dropped} dropped, ${r.invalid} invalid, ${r.usurped} usurped, ${r.noOutcome} without outcome; ` +
    `submitted in ${fmt(submitted, 2)} s, last included after ${fmt(r.lastIncludedSeconds)} s`);
  return r;
}

const burstAccounts = (keyring) => Object.fromEntries(BURST_VARIANTS.map((v) => [v, keyring.addFromUri(`//Burst//${v}`)]));
const burstFunding = (api, accounts, K) => Object.values(accounts).map((a) => api.tx.balances.transferKeepAlive(a.address, FUND + BigInt(K) * (TRANSFER + FLY / 50n)));

async function runBursts(ctx, accounts) {
  console.log(`\nburst: ${opt.burst} transfers from one account per variant`);
  const out = [];
  for (const v of BURST_VARIANTS) out.push(await runBurst(ctx, v, accounts[v], opt.burst));
  return out;
}

function burstTable(rows) {
  const t = [['pool options', 'variant', 'accepted', 'rejected (error)', 'future', 'included', 'dropped', 'invalid', 'stuck', 'blocks', 's to last']];
  for (const r of rows) {
    t.push([r.options ?? '(this run)', r.variant, `${r.accepted}/${r.K}`,
      Object.entries(r.rejected).map(([e, c]) => `${c}× ${e.slice(0, 60)}`).join('; ') || '0',
      r.sawFuture, r.included, r.dropped, r.invalid, r.noOutcome, r.blocks, fmt(r.lastIncludedSeconds)]);
  }
  return table(t);
}

// ---------------------------------------------------------------------------------------------
// Runs

/// Starts the author (and the follower), connects, follows blocks; `run(ctx)` does the rest.
/// The nodes are stopped whatever happens.
async function withNodes(authorArgs, followerArgs, run) {
  const key = nodeKey();
  const ctx = {};
  try {
    const db = opt.basePath ? ['--base-path', opt.basePath] : ['--tmp'];
    ctx.author = await startNode(['--dev', ...db, '--node-key-file', key.file, ...authorArgs], AUTHOR);
    ctx.api = ctx.author.api;
    if (followerArgs) {
      // A non-authoring full node of the same dev chain, fed by the author: it imports every
      // block through the import queue (the author does not: it built the block), which is
      // what the import histogram measures. It also receives and validates the gossiped
      // transactions, on the same machine.
      ctx.follower = await startNode(
        ['--chain', 'dev', '--tmp', '--no-dev-price-feed', '--bootnodes', `/ip4/127.0.0.1/tcp/${AUTHOR.p2p}/p2p/${key.peerId}`, ...followerArgs],
        FOLLOWER, { connectApi: false });
      ctx.unfollow = await followHeads(FOLLOWER.rpc, (n) => ctx.follower.sampler.onBlock(n));
    }
    ctx.watch = new ChainWatch(ctx.api, (n) => ctx.author.sampler.onBlock(n));
    await ctx.watch.start();
    ctx.submitter = new Submitter(AUTHOR.rpc, opt.connections);
    await ctx.submitter.ready();
    ctx.sign = signer(ctx.api);
    ctx.keys = devKeyring();
    ctx.hot = new Keyring({ type: 'sr25519' }).addFromUri('//Eve//stash');
    return await run(ctx);
  } finally {
    ctx.watch?.stop();
    await ctx.submitter?.close();
    ctx.unfollow?.();
    await ctx.follower?.stop();
    await ctx.author?.stop();
    key.remove();
  }
}

async function sweep() {
  console.log(`burst sweep: ${opt.burst} transfers from one account per variant, a fresh dev node per pool option set`);
  const rows = [];
  for (const options of SWEEP) {
    console.log(`\nnode options: ${options.join(' ') || '(defaults)'}`);
    await withNodes(options, null, async (ctx) => {
      const accounts = burstAccounts(new Keyring({ type: 'sr25519' }));
      await aliceBatches(ctx, burstFunding(ctx.api, accounts, opt.burst), 'funding the burst accounts');
      for (const v of BURST_VARIANTS) rows.push({ options: options.join(' ') || '(defaults)', ...(await runBurst(ctx, v, accounts[v], opt.burst)) });
    });
  }
  console.log(`\n${burstTable(rows)}`);
  if (opt.json) writeFileSync(opt.json, JSON.stringify({ node: nodeVersion(), K: opt.burst, sweep: rows }, null, 1));
}

function nodeVersion() {
  return execFileSync(nodeBinary(), ['--version']).toString().trim();
}

async function main() {
  const began = Date.now();
  // The ready queue must hold a whole load: past the node's default (81,920; polkadot-sdk's
  // 8,192 before issue #36) the pool would refuse the rest at submission (the future queue grows
  // with it: a tenth). Below it the node's own default stands, as users run it.
  const limit = Math.ceil(1.25 * N);
  const poolArgs = opt.nodeArgs.includes('--pool-limit') || limit <= 81_920 ? [] : ['--pool-limit', String(limit)];
  const authorArgs = [...poolArgs, ...opt.nodeArgs];
  console.log(`${nodeVersion()}: N = ${N}, loads ${LOADS.join(', ')}, node args ${authorArgs.join(' ')}, ` +
    `${opt.connections} connections, ${opt.follower ? 'a follower node importing the blocks' : 'no follower'}`);
  const results = [];
  let bursts = [];
  let metricNames = [];
  await withNodes(authorArgs, opt.follower ? poolArgs : null, async (ctx) => {
    const { api } = ctx;
    metricNames = await metricFamilies(AUTHOR.prometheus);
    const keyring = new Keyring({ type: 'sr25519' });
    const root = keyring.addFromUri('//Bench');
    // Hard derivation from one pair: no mnemonic-to-seed per account.
    ctx.accounts = Array.from({ length: N }, (_, i) => root.derive(`//${i}`));
    ctx.nonces = ctx.accounts.map(() => 0);
    const bursters = burstAccounts(keyring);

    console.log(`setup: the dev chain's price, operator Eve and subnet 0; ${N} accounts with ${FUND / FLY} FLY and ${MINT_DC} DC`);
    await checkDevChain(ctx);
    const calls = ctx.accounts.map((a) => api.tx.balances.transferKeepAlive(a.address, FUND));
    if (LOADS.includes('burst')) calls.push(...burstFunding(api, bursters, opt.burst));
    await aliceBatches(ctx, calls, 'funding');
    if (LOADS.includes('burns') || LOADS.includes('mixed')) {
      // Alice buys everyone's Data Credits: any payer may mint for a beneficiary.
      await aliceBatches(ctx, ctx.accounts.map((a) => api.tx.dataCredits.mintDataCredits(a.address, { Credits: { credits: MINT_DC, maxFly: FLY } })), 'minting DC');
    }
    for (const load of LOADS) {
      if (load === 'burst') bursts = await runBursts(ctx, bursters);
      else results.push(await runLoad(ctx, load));
    }
    for (const r of results) r.poolLog = ctx.author.log.poolStatsBetween(r.window.start, r.window.end);
  });

  console.log('\nused metrics: ' + [...Object.values(HISTOGRAMS), ...Object.values(COUNTERS), `${IMPORT} (follower)`].join(', '));
  console.log(`the node exposes ${metricNames.length} metric families (--json lists them)`);
  console.log(`\nsummary (N = ${N}; share: of the weight-limited count; propose/import: per block; µs/tx: the blocks' build/import time over their transactions; validate: the pool's runtime validation per call)`);
  const rows = [['load', 'txs', 'blocks', 'tx/s', 'steady tx/s', 'tx/block mean', 'min', 'max', 'share', 'end reasons', 'propose ms', 'import ms', 'own import ms', 'propose µs/tx', 'import µs/tx', 'validate µs']];
  for (const r of results) {
    const v = r.poolLog.validate_transaction_blocking_stats;
    rows.push([r.load, r.included, r.blocks.length, fmt(r.perSecond), fmt(r.steadyPerSecond), fmt(r.perBlock.mean), r.perBlock.min, r.perBlock.max,
      r.shareMean === null ? '–' : `${fmt(100 * r.shareMean)}%`, Object.entries(r.ends).map(([e, c]) => `${e}×${c}`).join(' '),
      fmt(r.proposeMsMean), fmt(r.importMsMean), fmt(r.ownImportMsMean), fmt(r.proposerUsPerTx), fmt(r.importUsPerTx), v ? `${fmt(v.meanUs)} ×${v.count}` : '–']);
  }
  console.log(table(rows));
  for (const r of results) {
    const p = r.poolLog;
    const s = (k) => (p[k] ? `${fmt(p[k].meanUs)} µs × ${p[k].count}` : '–');
    console.log(`  ${r.load}: pool log: validate (runtime) ${s('validate_transaction_blocking_stats')}, validate incl. queue ${s('validate_transaction_stats')}, ` +
      `revalidate ${s('validate_transaction_maintained_stats')}, submit call ${s('submit_stats')}, dropped ${p.dropped_stats?.count ?? 0}`);
  }
  if (bursts.length) console.log(`\n${burstTable(bursts)}`);
  if (opt.json) {
    writeFileSync(opt.json, JSON.stringify({ node: nodeVersion(), N, loads: results, bursts, metricFamilies: metricNames }, null, 1));
    console.log(`\nwritten to ${opt.json}`);
  }
  console.log(`\n${fmt((Date.now() - began) / 60000)} minutes in all`);
}

await (opt.sweep ? sweep() : main());
// polkadot.js may keep handles open.
process.exit(0);
