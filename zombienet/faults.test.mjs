// SPDX-License-Identifier: Apache-2.0
// Faults survived, on four validators (zombienet, native provider, all on this machine) running
// the development genesis (the dev economy, the dev feed) of the node under test with Alice,
// Bob, Charlie and Dave as its validators:
//   a. one validator killed (kill -9): blocks and finality go on; it comes back and catches up;
//   b. two killed: finality stalls (2 of 4 GRANDPA voters are no quorum) while blocks go on
//      (Alice and Bob author their slots); back from their own databases (zombienet restarts
//      the same command, --base-path kept), finality resumes and they catch up;
//   c. a validator restarted mid-epoch reads the same economy (DC balances, veFLY positions,
//      bonds, stakes) at the same finalized block from its own database, and every pallet's
//      invariants hold on its state (try-runtime);
//   d. a flood sent to one node: 10,000 valid transfers from 50 accounts (each a wallet keeping
//      at most 10 in flight) and bad transactions (bad signature, stale nonce, future nonce, a call
//      longer than a block): the node stays up, every valid one is included, the bad ones are
//      refused with their errors (the future one waits and is never included), and the pool stays
//      within its limit;
//   e. stall recovery by the emergency path: Charlie and Dave die for good, finality stalls; two
//      of three technical committee members remove them and, once the session's set is Alice and
//      Bob, note the stall (`validatorSet.noteStalled`): GRANDPA forces the two-member set in, it
//      finalizes again, and no block finalized before the stall is reverted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { compactFromU8a, u8aToHex } from '@polkadot/util';
import { FLY, assertInvariantsHold, committeeMotion, devKeyring, send, waitForEvent, waitForFinalized } from './lib/chain.mjs';
import { devSpecWithValidators, removeFiles } from './lib/spec.mjs';
import { launch } from './lib/network.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/// The transaction pool's default limit of ready transactions (`--pool-limit`).
const POOL_LIMIT = 8192;
let net;
let api;
let keys;

before(async () => {
  // The development genesis of the node under test (the dev economy, the dev feeder), with the
  // four nodes as its validators, made raw by the node itself (zombienet then uses it as is).
  const raw = await devSpecWithValidators(['Alice', 'Bob', 'Charlie', 'Dave'], 'faults');
  process.env.FLYWHEEL_FAULTS_SPEC = raw;
  net = await launch('faults/network.toml');
  api = await net.api('alice');
  keys = devKeyring();
  await waitForFinalized(api, 2, 120_000);
});

after(async () => {
  if (net) await net.stop();
  removeFiles(); // the specs made in before()
});

const best = async (a) => (await a.rpc.chain.getHeader()).number.toNumber();
const finalized = async (a) => (await a.rpc.chain.getHeader(await a.rpc.chain.getFinalizedHead())).number.toNumber();

/// Waits until `name`'s node has imported block `height` and finalized it.
async function caughtUp(name, height, timeoutMs) {
  const node = await net.connect(name);
  try {
    await waitForFinalized(node, height, timeoutMs);
  } finally {
    await node.disconnect();
  }
}

test('a. one validator killed: blocks and finality go on; it comes back and catches up', async () => {
  const back = net.network.getNodeByName('dave').restart(40); // kill -9 now, start again in 40 s
  await sleep(6_000);
  const [b0, f0] = [await best(api), await finalized(api)];
  await sleep(24_000);
  assert.ok((await best(api)) >= b0 + 2, 'blocks go on without Dave');
  assert.ok((await finalized(api)) >= f0 + 2, 'finality goes on with 3 of 4 voters');
  assert.ok(await back, 'Dave restarted');
  await caughtUp('dave', await best(api), 120_000);
});

test('b. two validators killed: finality stalls, blocks go on; back from their databases, finality resumes', async () => {
  const back = ['charlie', 'dave'].map((n) => net.network.getNodeByName(n).restart(50));
  await sleep(15_000); // rounds in flight at the kill conclude or stall
  const [b0, f0] = [await best(api), await finalized(api)];
  await sleep(24_000);
  const [b1, f1] = [await best(api), await finalized(api)];
  assert.ok(b1 >= b0 + 1, `blocks go on: best ${b0} -> ${b1}`);
  assert.equal(f1, f0, 'no block is finalized by 2 of 4 voters');
  assert.deepEqual(await Promise.all(back), [true, true], 'both restarted');
  const stalled = await best(api);
  await waitForFinalized(api, stalled, 180_000); // finality resumes past the stall
  await Promise.all(['charlie', 'dave'].map((n) => caughtUp(n, stalled, 180_000)));
  for (const name of ['charlie', 'dave']) {
    const cmd = net.network.client.processMap[name].cmd.join(' ');
    assert.match(cmd, /--base-path \S+/, `${name} runs on its own database`);
    assert.doesNotMatch(cmd, /--tmp\b/, `${name} keeps its database`);
  }
});

/// The economy at block `hash` as `node` reads it: DC balances, positions, bonds, stakes.
async function economy(node, hash) {
  const at = await node.at(hash);
  const entries = async (q) => Object.fromEntries((await q.entries()).map(([k, v]) => [k.toHex(), v.toJSON()]));
  return {
    dc: await entries(at.query.dataCredits.dcBalances),
    positions: await entries(at.query.subDaos.positions),
    delegations: await entries(at.query.bonding.delegations),
    stakes: await entries(at.query.subnets.stakes),
    epoch: (await at.query.subDaos.currentEpoch()).toNumber(),
  };
}

test('c. a validator restarted mid-epoch keeps the economy\'s state', async () => {
  // Some DC on the books first (the dev feed prices FLY on every node of this chain).
  const ferdie = keys.ferdie;
  const minted = await send(api, api.tx.dataCredits.mintDataCredits(ferdie.address, { Fly: { fly: 10n * FLY, minCredits: 0 } }), ferdie);
  const bobApi = await net.connect('bob');
  await waitForFinalized(bobApi, (await bobApi.rpc.chain.getHeader(minted.blockHash)).number.toNumber(), 120_000);
  const hash = await bobApi.rpc.chain.getFinalizedHead();
  const before = await economy(bobApi, hash);
  assert.ok(Object.keys(before.dc).length > 0 && Object.keys(before.positions).length > 0, 'an economy to keep');
  await bobApi.disconnect();

  assert.ok(await net.network.getNodeByName('bob').restart(5), 'Bob restarted');
  const again = await net.connect('bob');
  try {
    assert.deepEqual(await economy(again, hash), before, 'the same state at the same block from Bob\'s database');
    await waitForFinalized(again, (await again.rpc.chain.getHeader(hash)).number.toNumber() + 2, 120_000);
    await assertInvariantsHold(again, net.network.getNodeByName('bob').wsUri);
    const epochNow = (await again.query.subDaos.currentEpoch()).toNumber();
    assert.equal(epochNow, (await api.query.subDaos.currentEpoch()).toNumber(), 'Bob follows the same epoch');
  } finally {
    await again.disconnect();
  }
});

/// A copy of signed extrinsic `tx` with one byte of its signature flipped.
function withBadSignature(tx) {
  const bytes = tx.toU8a();
  const [offset] = compactFromU8a(bytes); // the length prefix
  // version byte, MultiAddress::Id (1 + 32 bytes), MultiSignature variant (1): then the signature
  const at = offset + 1 + 33 + 1 + 10;
  const copy = bytes.slice();
  copy[at] ^= 0xff;
  return u8aToHex(copy);
}

test('d. a flood of 10,000 valid and some bad transactions: all valid ones included, bad ones refused', async () => {
  const keyring = new Keyring({ type: 'sr25519' });
  const senders = Array.from({ length: 50 }, (_, i) => keyring.addFromUri(`//flood//${i}`));
  const sink = keyring.addFromUri('//flood//sink').address;
  await send(api, api.tx.utility.batchAll(senders.map((s) => api.tx.balances.transferKeepAlive(s.address, 1_000n * FLY))), keys.alice);

  // Bad ones, each refused with its error (the pool's verdict is the RPC's answer).
  const transfer = () => api.tx.balances.transferKeepAlive(sink, FLY);
  const genesisHash = api.genesisHash;
  // Signed ahead, offline: immortal (era 0, so signed against the genesis hash) with an explicit
  // nonce, over the chain's version and transaction extensions.
  const signOptions = (nonce) => ({
    nonce, era: 0, blockHash: genesisHash, genesisHash, runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions,
  });
  const signed = (pair, nonce) => transfer().sign(pair, signOptions(nonce));
  await assert.rejects(api.rpc.author.submitExtrinsic(withBadSignature(signed(keys.eve, (await api.rpc.system.accountNextIndex(keys.eve.address)).toNumber()))), /bad signature/i);
  await send(api, transfer(), keys.dave); // Dave's nonce is above 0 now
  await assert.rejects(api.rpc.author.submitExtrinsic(signed(keys.dave, 0)), /outdated/i);
  const future = signed(keys.charlie, (await api.rpc.system.accountNextIndex(keys.charlie.address)).toNumber() + 1000);
  const futureHash = (await api.rpc.author.submitExtrinsic(future)).toHex(); // kept, waiting for its nonce
  const eveNonce = (await api.rpc.system.accountNextIndex(keys.eve.address)).toNumber();
  // 4 MiB of remark, longer than a block's room for normal transactions (3.75 MiB): no block
  // could hold it. (Hex, not a Uint8Array, which polkadot.js would read as length-prefixed.)
  const oversized = api.tx.system.remark(`0x${'01'.repeat(4 << 20)}`).sign(keys.eve, signOptions(eveNonce));
  assert.ok(oversized.encodedLength > 4 << 20);
  await assert.rejects(api.rpc.author.submitExtrinsic(oversized), /exhaust the block limits|too large|oversized/i);

  // 10,000 valid transfers, 200 per sender, signed ahead. Each sender sends as a wallet does: at
  // most WINDOW transfers in flight (sent, not yet in the best block), topped up as fast as the
  // node answers. Why a window: the fork-aware pool (stable2609's default) keeps a view per block;
  // a transaction accepted while the view of a new block is being built joins that view only at
  // the next block, so the sender's later transfers wait in the view's future queue meanwhile.
  // That queue holds pool-limit/10 (819 at polkadot-sdk's default; the node's own default
  // limit, 81,920 since issue #36, makes it 8,192); beyond it the pool evicts and bans (not
  // lifted by revalidation). The window is the client rule docs/PERFORMANCE.md gives. Without a window (every sender 80 deep) the failing runs showed the best view
  // at 819 future and 0 ready and the stuck senders' next transfers refused as banned. With it,
  // at most 50 x WINDOW = 500 transfers are in the pool, under that queue's limit whatever their
  // order.
  const PER_SENDER = 200;
  const WINDOW = 10;
  const txs = senders.map((s) => Array.from({ length: PER_SENDER }, (_, n) => signed(s, n).toHex()));
  assert.equal(txs.flat().length, 10_000);
  const sent = senders.map(() => 0);
  let maxPending = 0;
  const deadline = Date.now() + 300_000; // 20 blocks' worth of windows take about 2 min
  for (;;) {
    const nonces = (await api.query.system.account.multi(senders.map((s) => s.address))).map((a) => a.nonce.toNumber());
    if (nonces.every((n) => n === PER_SENDER)) break;
    assert.ok(Date.now() < deadline, `not all included: nonces ${nonces.join(',')}`);
    // Nonce by nonce across the senders, so a transfer's predecessor is sent before it.
    for (let k = 0; k < WINDOW; k++) {
      const wave = [];
      senders.forEach((_, i) => {
        if (sent[i] < Math.min(PER_SENDER, nonces[i] + WINDOW)) wave.push(txs[i][sent[i]++]);
      });
      if (wave.length === 0) break;
      await Promise.all(wave.map((tx) => api.rpc.author.submitExtrinsic(tx)));
    }
    maxPending = Math.max(maxPending, (await api.rpc.author.pendingExtrinsics()).length);
    await sleep(1_000);
  }
  assert.equal((await api.query.system.account(sink)).data.free.toBigInt(), 10_001n * FLY, 'every valid transfer arrived (and Dave\'s)');
  assert.ok(maxPending <= POOL_LIMIT, `the pool held at most ${maxPending} transactions`);
  // The future-nonce transfer never ran and still waits in the pool: the pool knows it.
  assert.ok((await api.query.system.account(keys.charlie.address)).nonce.toNumber() < 1000);
  await assert.rejects(api.rpc.author.submitExtrinsic(future), /already imported|1013/i);
  assert.ok(futureHash.startsWith('0x'));
  const health = await api.rpc.system.health();
  assert.ok(health.peers.toNumber() >= 1, 'the node is up and connected');
});

/// Waits until `predicate()` holds, polling every block.
async function until(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(6_000);
  }
}

test('e. two validators lost for good: the emergency path removes them, notes the stall, and the rest finalize', async () => {
  const lost = ['charlie', 'dave'];
  for (const name of lost) process.kill(net.network.client.processMap[name].pid, 'SIGKILL');
  await sleep(15_000); // rounds in flight conclude or stall
  const f0 = await finalized(api);
  const f0Hash = (await api.rpc.chain.getBlockHash(f0)).toHex();
  await sleep(24_000);
  assert.equal(await finalized(api), f0, 'finality stalls with 2 of 4 voters');

  const { result: removal } = await committeeMotion(api, api.tx.utility.batchAll(
    [keys.charlie, keys.dave].map((k) => api.tx.validatorSet.removeValidator(k.address)),
  ), keys);
  assert.ok(removal.isOk, `the removal: ${removal.toString()}`);
  const live = [keys.alice.address, keys.bob.address];
  const sessionSet = async () => (await api.query.session.validators()).map((v) => v.toString());
  // Two session starts; with two of four authors left, a 10-block session takes about 2 min.
  await until(async () => JSON.stringify(await sessionSet()) === JSON.stringify(live), 420_000, 'the session set to be Alice and Bob');
  assert.equal(await finalized(api), f0, 'still stalled: the new set is not finalizing yet');

  const { result: stalled } = await committeeMotion(api, api.tx.validatorSet.noteStalled(2, f0), keys);
  assert.ok(stalled.isOk, `noting the stall: ${stalled.toString()}`);
  // At the next session start GRANDPA forces Alice and Bob in; two blocks later they vote.
  await waitForEvent(api, (e) => api.events.grandpa.NewAuthorities.is(e) && e.data.authoritySet.length === 2, 300_000, 'Grandpa.NewAuthorities of two');
  await until(async () => (await finalized(api)) > f0 + 2, 180_000, 'finality to resume');
  assert.equal((await api.rpc.chain.getBlockHash(f0)).toHex(), f0Hash, 'the block finalized before the stall is still the chain\'s');
  const bobApi = await net.connect('bob');
  try {
    await waitForFinalized(bobApi, f0 + 3, 60_000);
    assert.equal((await bobApi.rpc.chain.getBlockHash(f0)).toHex(), f0Hash, 'Bob agrees');
  } finally {
    await bobApi.disconnect();
  }
});
