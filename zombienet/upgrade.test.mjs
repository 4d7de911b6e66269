// SPDX-License-Identifier: Apache-2.0
// A runtime upgrade through governance, end to end, with polkadot.js only. Four validators run
// the node under test on a chain that starts with the previous release's runtime (spec 103,
// zombienet/upgrade/network.toml), and the upgrade proposes this release's wasm: the one the
// committed production spec carries and runtime/VERSIONS records. Before the upgrade, `flywheel-node try-runtime` checks the
// runtime under test against the live state (migrations with pre/post checks, idempotency, every
// pallet's try_state). Then a root-track referendum (preimage, submission and decision
// deposits, conviction votes) enacts `system.authorizeUpgrade(hash of the new wasm)`, and
// `system.applyAuthorizedUpgrade(wasm)` installs it. Checked: all four nodes report the new
// spec_version; blocks and finality go on; every pallet's storage version is the runtime's;
// balances, veFLY positions, DC balances, bonds and stakes stay as they were; the referendum
// also sets the dev chain profile (the old runtime had its short periods compiled in) and they
// hold; every pallet's invariants hold (try-runtime); the dev price feed goes on feeding; and `try-runtime` re-executes
// the newest blocks, now built by the new runtime. Then validators under governance, on the
// upgraded chain: the migration made the four authorities the validator set; a fifth node (Eve's)
// makes session keys (`author_rotateKeysWithOwner`), Eve registers them (`validatorSet.setKeys`), a
// root referendum adds her and she authors blocks; a root referendum removes Dave, his node is
// stopped once he is out of the authorities, and blocks and finality go on without him.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { blake2AsHex, decodeAddress, xxhashAsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { FLY, assertInvariantsHold, devKeyring, nodeBinary, releaseRecord, send, startNode, tryRuntime, waitForEvent, waitForFinalized } from './lib/chain.mjs';
import { launch } from './lib/network.mjs';

const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];
const OLD_SPEC = 103;
const MIGRATED_PALLETS = { DataCredits: 1, SubDaos: 3, Bonding: 3, Inflation: 0, Subnets: 2, ValidatorSet: 2 };
let net;
let api;
let keys;

const repo = new URL('..', import.meta.url).pathname;

/// The runtime proposed: the release wasm of this spec_version, as the committed production spec
/// carries it (scripts/release.sh built it, runtime/VERSIONS records its hash, and
/// node/tests/chain_spec.rs checks both). Read as text: the spec's balances exceed what a
/// JavaScript number holds exactly.
function runtimeWasm() {
  const spec = readFileSync(`${repo}/chain-spec/production.json`, 'utf8');
  const code = spec.match(/"code": "0x([0-9a-f]+)"/);
  assert.ok(code, 'chain-spec/production.json carries a code');
  const wasm = Buffer.from(code[1], 'hex');
  assert.equal(blake2AsHex(wasm, 256), releaseRecord().wasm, 'the spec carries the release wasm runtime/VERSIONS records');
  return wasm;
}

/// The key of the chain profile and its development value, SCALE-encoded, as the runtime under
/// test writes them into a `--chain dev` genesis. A chain upgraded from a runtime before the
/// profile stores none and would run the production periods (days); this dev network keeps its
/// short ones by setting the value in the upgrade's own referendum.
async function devProfileStorage() {
  const key = xxhashAsHex('ChainProfile', 128) + xxhashAsHex('Profile', 128).slice(2);
  const { stdout } = await promisify(execFile)(nodeBinary(), ['build-spec', '--chain', 'dev', '--raw'], { maxBuffer: 64 << 20 });
  const value = JSON.parse(stdout).genesis.raw.top[key];
  assert.ok(value, 'the dev genesis stores a chain profile');
  return [key, value];
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

/// Passes a root-track referendum on `call` through `on` (a connection with the chain's current
/// metadata): preimage, submission, decision deposit, and aye votes with conviction from every
/// dev account. Resolves once the votes are in; the caller waits for the call's own event.
async function passRootReferendum(on, call) {
  const bytes = call.method.toU8a();
  const { events } = await send(on, on.tx.utility.batchAll([
    on.tx.preimage.notePreimage(call.method.toHex()),
    on.tx.referenda.submit({ system: 'Root' }, { Lookup: { hash: call.method.hash, len: bytes.length } }, { After: 1 }),
  ]), keys.alice);
  const index = events.find((e) => on.events.referenda.Submitted.is(e)).data.index.toNumber();
  assert.equal((await on.query.referenda.referendumInfoFor(index)).unwrap().asOngoing.track.toNumber(), 0, 'root track');
  await send(on, on.tx.referenda.placeDecisionDeposit(index), keys.alice);
  const vote = { Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: 800_000n * FLY } };
  await Promise.all(Object.keys(keys).map((n) => send(on, on.tx.convictionVoting.vote(index, vote), keys[n])));
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
  const authorize = api.tx.utility.batchAll([
    api.tx.system.setStorage([await devProfileStorage()]),
    api.tx.system.authorizeUpgrade(codeHash),
  ]);

  const authorized = waitForEvent(api, (e) => api.events.system.UpgradeAuthorized.is(e), 300_000, 'System.UpgradeAuthorized');
  await passRootReferendum(api, authorize);
  const event = await authorized;
  assert.equal(event.data.codeHash.toHex(), codeHash);

  // Anyone may apply the authorized code; the fee is waived for the right code.
  // The economy as the old runtime leaves it, read just before the upgrade is sent. (Not at the
  // upgrade block or its parent: once a connection has seen the upgrade, polkadot.js misreads
  // old blocks' storage with the new metadata's types.)
  const initial = await economyAt(await api.rpc.chain.getBlockHash());
  const { blockHash } = await send(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(wasm)), keys.charlie);
  const upgradeBlock = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  // The state after that block holds the new code, its parent's the old. (Not its
  // System.CodeUpdated event: polkadot.js decodes a block's events with the metadata of the state
  // after it, here the new runtime's, so the old runtime's records may not decode.)
  const { parentHash } = await api.rpc.chain.getHeader(blockHash);
  assert.equal((await api.rpc.state.getRuntimeVersion(parentHash)).specVersion.toNumber(), OLD_SPEC);
  assert.ok((await api.rpc.state.getRuntimeVersion(blockHash)).specVersion.toNumber() > OLD_SPEC, 'the code was updated in the block');


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
  for (const [pallet, version] of Object.entries(MIGRATED_PALLETS)) {
    assert.equal(await storageVersion(pallet, firstNew), version, `${pallet}'s storage version`);
  }
  // Bonding's v3 migration listed every operator in standing as a candidate (only they hold slots).
  const atNew = await api.at(firstNew);
  // SubDaos' v3 migration: the old single rewards authority (router and maker on the presets)
  // leaves no oracle behind and no router stays a maker; the DNTs stop being sufficient assets.
  for (const id of [0, 1]) {
    const config = (await atNew.query.subDaos.registry(id)).unwrap().config;
    assert.equal(config.rewardsOracles.members.length, 0, `subDAO ${id} has no oracle until root names them`);
    assert.ok((await atNew.query.subDaos.makers(id, config.burnAuthority)).isNone, `subDAO ${id}'s router is no maker`);
    assert.ok(!(await atNew.query.assets.asset(1_000_000 + id)).unwrap().isSufficient.isTrue, `DNT ${id} is not sufficient`);
  }
  const standing = (await atNew.query.bonding.operators.entries())
    .filter(([, op]) => !op.unwrap().resigned.isTrue)
    .map(([key]) => key.args[0].toString())
    .sort();
  const candidates = (await atNew.query.bonding.candidates()).map((a) => a.toString()).sort();
  assert.deepEqual(candidates, standing, 'the candidates are the operators in standing');
  // Subnets' v2 migration counts the stake on live neurons only: the total is the subnets' sum.
  const subnets = await atNew.query.subnets.networks.entries();
  const counted = subnets.reduce((sum, [, s]) => sum + s.unwrap().totalStake.toBigInt(), 0n);
  assert.equal((await atNew.query.subnets.totalStake()).toBigInt(), counted, 'counted subnet stake');
  assert.ok(counted > 0n, 'the dev economy has subnet stake to count');

  // What the upgrade must not touch is unchanged from just before it (the blocks in between
  // only charged Charlie's fee and took the dev feeds).
  const upgraded = await economyAt(firstNew);
  assert.deepEqual(upgraded.dc, initial.dc, 'DC balances');
  assert.deepEqual(upgraded.positions, initial.positions, 'veFLY positions');
  assert.deepEqual(upgraded.balances.ferdie, initial.balances.ferdie, 'an idle account\'s balance');
  // Bonds and stakes settle rewards lazily (reward factors), so their records stay as they were.
  assert.deepEqual(upgraded.delegations, initial.delegations, 'bonds');
  assert.deepEqual(upgraded.stakes, initial.stakes, 'subnet stakes');
  assert.ok(Object.keys(initial.positions).length > 0 && Object.keys(initial.delegations).length > 0, 'the dev economy has positions and bonds to keep');
});

test('after the upgrade: the dev periods hold, invariants hold, the dev feed feeds, try-runtime re-executes new blocks', async () => {
  // A new connection reads the new runtime's metadata with its runtime APIs (a connection made
  // before the upgrade re-reads only the storage and call metadata).
  const api = await net.connect('charlie');
  const profile = (await api.query.chainProfile.profile()).toJSON();
  assert.equal(profile.sessionLength, 10, 'the profile set in the referendum is in force');
  assert.equal(profile.rootTrack.decision, 20);
  await assertInvariantsHold(api, net.network.getNodeByName('charlie').wsUri);
  const fed = await waitForEvent(api, (e) => api.events.dataCredits.PriceFed.is(e), 120_000, 'DataCredits.PriceFed after the upgrade');
  assert.ok(fed.data.price.toBigInt() > 0n);
  const out = await tryRuntime(net.network.getNodeByName('bob').wsUri, 2);
  assert.match(out, /upgrade checks passed/);
  assert.equal((out.match(/executed again/g) || []).length, 2, out);
});

/// Starts a fifth node (Eve's) on the network's chain spec, peered with Alice, as a validator
/// with an empty keystore, its own temporary database and a fixed network key.
function startFifthNode(rpcPort) {
  const alice = net.network.getNodeByName('alice');
  return startNode([
    '--chain', net.network.chainSpecFullPath, '--tmp', '--validator', '--name', 'eve',
    '--node-key', '07'.repeat(32), '--bootnodes', alice.multiAddress,
  ], rpcPort);
}

/// The Aura author of block `hash`: the authority of its slot among the parent's authorities.
async function auraAuthor(on, hash) {
  const header = await on.rpc.chain.getHeader(hash);
  const log = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'aura');
  const slot = on.createType('u64', log.asPreRuntime[1]).toBigInt();
  const authorities = (await (await on.at(header.parentHash)).query.aura.authorities()).map((a) => a.toHex());
  return authorities[Number(slot % BigInt(authorities.length))];
}

test('validators under governance: a fifth node joins by referendum and authors; a removed one is not needed', async () => {
  const on = await net.connect('alice'); // the new runtime's metadata: Session, ValidatorSet
  const eve = keys.eve;
  const fifth = await startFifthNode(29_954);
  try {
    // The migration made the four authorities the validator set.
    const four = ['Alice', 'Bob', 'Charlie', 'Dave'].map((n) => keys[n.toLowerCase()].address);
    assert.deepEqual((await on.query.validatorSet.validators()).map((a) => a.toString()), four);
    assert.deepEqual((await on.query.session.validators()).map((a) => a.toString()), four);

    // Eve's node makes her session keys, with the proof that Eve owns them; Eve registers them.
    const generated = await fifth.provider.send('author_rotateKeysWithOwner', [u8aToHex(decodeAddress(eve.address))]);
    const setKeys = on.tx.validatorSet.setKeys(generated.keys, generated.proof);
    await send(on, setKeys, eve);
    const eveAura = setKeys.args[0].aura.toHex(); // SessionKeys { aura, grandpa }

    // A root referendum adds her; she authors from the session after next.
    const added = waitForEvent(on, (e) => on.events.validatorSet.ValidatorAdded.is(e), 300_000, 'ValidatorSet.ValidatorAdded');
    await passRootReferendum(on, on.tx.validatorSet.addValidator(eve.address));
    assert.equal((await added).data.who.toString(), eve.address);
    let authored = null;
    const deadline = Date.now() + 300_000;
    while (!authored) {
      assert.ok(Date.now() < deadline, `Eve authored no block:\n${fifth.log()}`);
      const hash = await on.rpc.chain.getBlockHash();
      if ((await auraAuthor(on, hash)) === eveAura) authored = hash;
      else await new Promise((r) => setTimeout(r, 3_000));
    }
    const authoredAt = (await on.rpc.chain.getHeader(authored)).number.toNumber();
    await waitForFinalized(on, authoredAt, 120_000);

    // A root referendum removes Dave; once he is out of the authorities, his node is stopped
    // and the chain goes on without it.
    const daveAura = u8aToHex(decodeAddress(keys.dave.address));
    const removed = waitForEvent(on, (e) => on.events.validatorSet.ValidatorRemoved.is(e), 300_000, 'ValidatorSet.ValidatorRemoved');
    await passRootReferendum(on, on.tx.validatorSet.removeValidator(keys.dave.address));
    await removed;
    for (;;) {
      const authorities = (await on.query.aura.authorities()).map((a) => a.toHex());
      if (!authorities.includes(daveAura)) {
        assert.ok(authorities.includes(eveAura) && authorities.length === 4, 'Alice, Bob, Charlie and Eve');
        break;
      }
      assert.ok(Date.now() < deadline + 300_000, 'Dave is still an authority');
      await new Promise((r) => setTimeout(r, 3_000));
    }
    process.kill(net.network.client.processMap.dave.pid, 'SIGKILL');
    const [b0, f0] = [(await on.rpc.chain.getHeader()).number.toNumber(), (await on.rpc.chain.getHeader(await on.rpc.chain.getFinalizedHead())).number.toNumber()];
    await waitForFinalized(on, Math.max(b0, f0 + 3), 180_000);
    assert.ok((await on.rpc.chain.getHeader()).number.toNumber() >= b0 + 2, 'blocks go on without Dave');
  } finally {
    await fifth.stop();
    await on.disconnect();
  }
});
