// SPDX-License-Identifier: Apache-2.0
// A runtime upgrade through governance, end to end, with polkadot.js only. Four validators run
// the node under test on a chain that starts with the previous release's runtime (spec 103,
// zombienet/upgrade/network.toml). Before the upgrade, `flywheel-node try-runtime` checks the
// runtime under test against the live state (migrations with pre/post checks, idempotency, every
// pallet's try_state). Then a root-track referendum (preimage, submission and decision
// deposits, conviction votes) enacts `system.authorizeUpgrade(hash of the new wasm)`, and
// `system.applyAuthorizedUpgrade(wasm)` installs it. Checked: all four nodes report the new
// spec_version; blocks and finality go on; every pallet's storage version is the runtime's;
// balances, veFLY positions, DC balances, bonds and stakes stay as they were;
// `checkInvariants()` is empty; the dev price feed goes on feeding; and `try-runtime` re-executes
// the newest blocks, now built by the new runtime.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { blake2AsHex, xxhashAsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { FLY, devKeyring, nodeBinary, send, waitForEvent, waitForFinalized } from './lib/chain.mjs';
import { launch } from './lib/network.mjs';

const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];
const OLD_SPEC = 103;
const TOKENOMICS_PALLETS = { DataCredits: 1, SubDaos: 2, Bonding: 2, Inflation: 0, Subnets: 1 };
let net;
let api;
let keys;

/// The runtime under test: the wasm the node build produced (scripts/env.sh exports its path).
function runtimeWasm() {
  const target = process.env.CARGO_TARGET_DIR || `${process.env.HOME}/.cache/flywheel-target`;
  const path = process.env.FLYWHEEL_RUNTIME_WASM ||
    `${target}/release/wbuild/flywheel-runtime/flywheel_runtime.compact.compressed.wasm`;
  return readFileSync(path);
}

/// Runs `flywheel-node try-runtime` against `uri`; resolves with its stdout, rejects with its
/// output when a check fails.
async function tryRuntime(uri, blocks) {
  const { stdout } = await promisify(execFile)(nodeBinary(), ['try-runtime', '--uri', uri, '--blocks', String(blocks)], { maxBuffer: 64 << 20 });
  return stdout;
}

before(async () => {
  net = await launch('upgrade/network.toml');
  api = await net.api('alice');
  keys = devKeyring();
});

after(async () => {
  if (net) await net.stop();
});

const specVersion = async (a) => (await a.rpc.state.getRuntimeVersion()).specVersion.toNumber();

async function storageVersion(pallet, at) {
  const key = xxhashAsHex(pallet, 128) + xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2);
  const raw = await api.rpc.state.getStorage(key, at);
  return raw.isSome ? api.createType('u16', raw.unwrap()).toNumber() : 0;
}

/// What the upgrade must keep, read at block `at`: free balances of the dev accounts, DC
/// balances, veFLY positions, bonds (delegations) and subnet stakes, as JSON by storage key.
async function economyAt(at) {
  const a = await api.at(at);
  const entries = async (q) => Object.fromEntries((await q.entries()).map(([k, v]) => [k.toHex(), v.toJSON()]));
  const balances = {};
  for (const [name, pair] of Object.entries(keys)) balances[name] = (await a.query.system.account(pair.address)).data.free.toString();
  return {
    balances,
    dc: await entries(a.query.dataCredits.dcBalances),
    positions: await entries(a.query.subDaos.positions),
    delegations: await entries(a.query.bonding.delegations),
    stakes: await entries(a.query.subnets.stakes),
  };
}

test('the network starts on the previous release, spec_version 103, on all four validators', async () => {
  for (const name of VALIDATORS) assert.equal(await specVersion(await net.api(name)), OLD_SPEC, name);
  await waitForFinalized(api, 2, 120_000);
});

test('try-runtime: the runtime under test passes its upgrade checks on the live state', async () => {
  const out = await tryRuntime(net.network.getNodeByName('alice').wsUri, 3);
  assert.match(out, new RegExp(`spec_version ${OLD_SPEC} on chain`));
  assert.match(out, /upgrade checks passed/);
  assert.match(out, /idempotent/);
  assert.match(out, /blocks not executed again: the chain's blocks were built by spec_version 103/);
});

test('a root referendum authorizes the new runtime, it is applied, and the chain goes on', async () => {
  const wasm = runtimeWasm();
  const codeHash = blake2AsHex(wasm, 256);
  const authorize = api.tx.system.authorizeUpgrade(codeHash);

  // Root track: preimage, submission, decision deposit, conviction votes of every dev account.
  const bytes = authorize.method.toU8a();
  const { events } = await send(api, api.tx.utility.batchAll([
    api.tx.preimage.notePreimage(authorize.method.toHex()),
    api.tx.referenda.submit({ system: 'Root' }, { Lookup: { hash: authorize.method.hash, len: bytes.length } }, { After: 1 }),
  ]), keys.alice);
  const index = events.find((e) => api.events.referenda.Submitted.is(e)).data.index.toNumber();
  assert.equal((await api.query.referenda.referendumInfoFor(index)).unwrap().asOngoing.track.toNumber(), 0, 'root track');
  await send(api, api.tx.referenda.placeDecisionDeposit(index), keys.alice);
  const authorized = waitForEvent(api, (e) => api.events.system.UpgradeAuthorized.is(e), 300_000, 'System.UpgradeAuthorized');
  const vote = { Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: 800_000n * FLY } };
  await Promise.all(Object.keys(keys).map((n) => send(api, api.tx.convictionVoting.vote(index, vote), keys[n])));
  const event = await authorized;
  assert.equal(event.data.codeHash.toHex(), codeHash);

  // Anyone may apply the authorized code; the fee is waived for the right code.
  const initial = await economyAt(await api.rpc.chain.getBlockHash());
  const applied = await send(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(wasm)), keys.charlie);
  assert.ok(applied.events.some((e) => api.events.system.CodeUpdated.is(e)), 'System.CodeUpdated');
  const { blockHash } = applied;
  const upgradeBlock = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  const lastOld = await economyAt(blockHash);

  // Every validator switches; blocks and finality continue past the upgrade.
  const deadline = Date.now() + 120_000;
  for (const name of VALIDATORS) {
    const node = await net.api(name);
    while ((await specVersion(node)) === OLD_SPEC) {
      assert.ok(Date.now() < deadline, `${name} still reports spec_version ${OLD_SPEC}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  const newSpec = await specVersion(api);
  assert.ok(newSpec > OLD_SPEC, `new spec_version ${newSpec}`);
  for (const name of VALIDATORS) assert.equal(await specVersion(await net.api(name)), newSpec, name);
  await waitForFinalized(api, upgradeBlock + 3, 180_000);
  for (const name of VALIDATORS) await waitForFinalized(await net.api(name), upgradeBlock + 3, 60_000);

  // The first block of the new runtime ran its migrations and recorded the upgrade.
  const firstNew = await api.rpc.chain.getBlockHash(upgradeBlock + 1);
  const lastUpgrade = (await (await api.at(firstNew)).query.system.lastRuntimeUpgrade()).unwrap();
  assert.equal(lastUpgrade.specVersion.toNumber(), newSpec);
  for (const [pallet, version] of Object.entries(TOKENOMICS_PALLETS)) {
    assert.equal(await storageVersion(pallet, firstNew), version, `${pallet}'s storage version`);
  }

  // What the upgrade must not touch is unchanged from the last block of the old runtime.
  const upgraded = await economyAt(firstNew);
  assert.deepEqual(upgraded.dc, lastOld.dc, 'DC balances');
  assert.deepEqual(upgraded.positions, lastOld.positions, 'veFLY positions');
  assert.deepEqual(upgraded.balances.ferdie, lastOld.balances.ferdie, 'an idle account\'s balance');
  // Bonds and stakes settle rewards lazily (reward factors), so their records stay as they were.
  assert.deepEqual(upgraded.delegations, lastOld.delegations, 'bonds');
  assert.deepEqual(upgraded.stakes, lastOld.stakes, 'subnet stakes');
  assert.ok(Object.keys(initial.positions).length > 0 && Object.keys(initial.delegations).length > 0, 'the dev economy has positions and bonds to keep');
});

test('after the upgrade: invariants hold, the dev feed feeds, try-runtime re-executes new blocks', async () => {
  // A new connection reads the new runtime's metadata with its runtime APIs (a connection made
  // before the upgrade re-reads only the storage and call metadata).
  const api = await net.connect('charlie');
  const failures = (await api.call.tokenomicsApi.checkInvariants()).unwrap().map((f) => new TextDecoder().decode(f.toU8a(true)));
  assert.deepEqual(failures, []);
  const fed = await waitForEvent(api, (e) => api.events.dataCredits.PriceFed.is(e), 120_000, 'DataCredits.PriceFed after the upgrade');
  assert.ok(fed.data.price.toBigInt() > 0n);
  const out = await tryRuntime(net.network.getNodeByName('bob').wsUri, 2);
  assert.match(out, /upgrade checks passed/);
  assert.equal((out.match(/executed again/g) || []).length, 2, out);
});
