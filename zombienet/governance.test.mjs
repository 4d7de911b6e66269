// SPDX-License-Identifier: Apache-2.0
// OpenGov through polkadot.js, end to end, against a `--dev` node (the production wasm with the
// development preset's short track periods, its chain profile):
// note a preimage, submit referenda on the root and tokenomics_admin tracks, place decision
// deposits, vote with conviction, wait for enactment and check the resulting events and storage.
// The root referendum sets a balance and the treasury burn; the tokenomics_admin referendum
// changes the inflation target and the emission split; a referendum voted down must be rejected
// and leave storage unchanged; the same calls signed by a plain account fail with BadOrigin.
// Issue #33's one-referendum treasury drain, passed on the tokenomics_admin track, fails when
// enacted and moves nothing. The emergency brake: two of three
// technical committee members pause DC minting within a few blocks, moving no funds; the committee
// cannot lift the pause, a tokenomics_admin referendum does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { FLY, assertInvariantsHold, committeeMotion, startDevNode, devKeyring, send, waitForEvent, waitForFinalized } from './lib/chain.mjs';

const RPC_PORT = 19944;
let node;
let api;
let keys;

before(async () => {
  node = await startDevNode(RPC_PORT);
  api = node.api;
  keys = devKeyring();
});

after(async () => {
  if (node) await node.stop();
});

test('the dev chain produces and finalizes blocks', async () => {
  const finalized = await waitForFinalized(api, 2, 60_000);
  assert.ok(finalized >= 2);
});

test('the dev chain runs the one wasm with its preset\'s short periods (every track decides within a minute)', async () => {
  const profile = (await api.query.chainProfile.profile()).toJSON();
  for (const name of ['rootTrack', 'tokenomicsAdminTrack', 'treasurerTrack', 'stopperTracks']) {
    const p = profile[name];
    assert.ok(p.prepare + p.confirm + p.enactment <= 10 && p.decision <= 30, `${name}: ${JSON.stringify(p)}`);
  }
  assert.equal(profile.sessionLength, 10);
  // The metadata lists the production tracks (days): one metadata, and one metadata hash, for
  // every chain that runs the wasm.
  const tracks = api.consts.referenda.tracks.toJSON();
  const names = tracks.map(([, info]) => info.name.replace(/\0+$/, '')); // names are zero-padded byte arrays
  assert.deepEqual(names, ['root', 'tokenomics_admin', 'treasurer', 'referendum_canceller', 'referendum_killer']);
  for (const [, info] of tracks) assert.ok(info.decisionPeriod >= 7 * 14_400, `${info.name}: ${info.decisionPeriod}`);
});

const NEW_SPLIT = { stakers: 400_000_000, subdaos: 350_000_000, subnets: 200_000_000, treasury: 50_000_000 };

test('a plain signed account cannot change a tokenomics parameter', async () => {
  const call = api.tx.parameters.setParameter({ Tokenomics: { TreasuryBurn: [null, 10_000] } });
  await assert.rejects(send(api, call, keys.bob), /BadOrigin/);
  await assert.rejects(send(api, api.tx.inflation.setTarget(600_000_000), keys.bob), /BadOrigin/);
  await assert.rejects(send(api, api.tx.inflation.setEmissionSplit(NEW_SPLIT), keys.bob), /BadOrigin/);
});

/// Submits one referendum per entry ({ call, origin }) from Alice, with preimages and decision
/// deposits; returns the referendum indices in the same order.
async function submitReferenda(entries) {
  const txs = [];
  for (const { call } of entries) txs.push(api.tx.preimage.notePreimage(call.method.toHex()));
  for (const { call, origin } of entries) {
    const bytes = call.method.toU8a();
    txs.push(api.tx.referenda.submit(origin, { Lookup: { hash: call.method.hash, len: bytes.length } }, { After: 1 }));
  }
  const { events } = await send(api, api.tx.utility.batchAll(txs), keys.alice);
  const submitted = events.filter((e) => api.events.referenda.Submitted.is(e)).map((e) => e.data.index.toNumber());
  assert.equal(submitted.length, entries.length, 'every referendum was submitted');
  const deposits = submitted.map((i) => api.tx.referenda.placeDecisionDeposit(i));
  await send(api, api.tx.utility.batchAll(deposits), keys.alice);
  return submitted;
}

/// Every dev account votes on each referendum: `aye` true or false per referendum.
async function voteAll(votes) {
  const balance = 800_000n * FLY;
  await Promise.all(Object.values(keys).map((who) => {
    const txs = votes.map(({ index, aye }) => api.tx.convictionVoting.vote(index, {
      Standard: { vote: { aye, conviction: 'Locked1x' }, balance },
    }));
    return send(api, api.tx.utility.batchAll(txs), who);
  }));
}

test('referenda on the root and tokenomics_admin tracks pass and enact; a rejected one changes nothing', async () => {
  const newcomer = new Keyring({ type: 'sr25519' }).addFromUri('//Flywheel-gov').address; // unfunded
  const before = (await api.query.system.account(newcomer)).data.free.toBigInt();
  assert.equal(before, 0n);
  const burnKey = { Tokenomics: { TreasuryBurn: null } };
  assert.ok((await api.query.parameters.parameters(burnKey)).isNone, 'TreasuryBurn starts at its default');

  const paramsBefore = (await api.query.inflation.params()).toJSON();
  const splitBefore = (await api.query.inflation.split()).toJSON();
  assert.equal(paramsBefore.target, 500_000_000, 'the target starts at 50%');
  // The treasury burn is a root-track parameter (pallet-parameters cannot bound its value).
  const rootCall = api.tx.utility.batchAll([
    api.tx.balances.forceSetBalance(newcomer, 123n * FLY),
    api.tx.parameters.setParameter({ Tokenomics: { TreasuryBurn: [null, 50_000] } }), // 5%
  ]);
  const adminCall = api.tx.utility.batchAll([
    api.tx.inflation.setTarget(600_000_000), // 60%
    api.tx.inflation.setEmissionSplit(NEW_SPLIT),
  ]);
  const rejectedCall = api.tx.utility.batchAll([
    api.tx.parameters.setParameter({ Tokenomics: { TreasuryBurn: [null, 990_000] } }), // 99%
    api.tx.inflation.setTarget(900_000_000),
  ]);

  const [rootRef, adminRef, rejectedRef] = await submitReferenda([
    { call: rootCall, origin: { system: 'Root' } },
    { call: adminCall, origin: { Origins: 'TokenomicsAdmin' } },
    { call: rejectedCall, origin: { Origins: 'TokenomicsAdmin' } },
  ]);
  const tracks = [rootRef, adminRef, rejectedRef].map(async (i) => (await api.query.referenda.referendumInfoFor(i)).unwrap().asOngoing.track.toNumber());
  assert.deepEqual(await Promise.all(tracks), [0, 1, 1]);

  const enacted = (index) => waitForEvent(api, (e) => api.events.referenda.Confirmed.is(e) && e.data.index.toNumber() === index, 180_000, `referendum ${index} confirmed`);
  const rejected = waitForEvent(api, (e) => api.events.referenda.Rejected.is(e) && e.data.index.toNumber() === rejectedRef, 240_000, `referendum ${rejectedRef} rejected`);
  const balanceSet = waitForEvent(api, (e) => api.events.balances.BalanceSet.is(e) && e.data.who.toString() === newcomer, 240_000, 'Balances.BalanceSet');
  const paramUpdated = waitForEvent(api, (e) => api.events.parameters.Updated.is(e), 240_000, 'Parameters.Updated');
  const splitSet = waitForEvent(api, (e) => api.events.inflation.SplitSet.is(e), 240_000, 'Inflation.SplitSet');

  await voteAll([{ index: rootRef, aye: true }, { index: adminRef, aye: true }, { index: rejectedRef, aye: false }]);

  await Promise.all([enacted(rootRef), enacted(adminRef)]);
  const setEvent = await balanceSet;
  assert.equal(setEvent.data.free.toBigInt(), 123n * FLY);
  assert.equal((await api.query.system.account(newcomer)).data.free.toBigInt(), 123n * FLY);

  const updated = await paramUpdated;
  assert.equal(JSON.stringify(updated.data.newValue.toJSON()), JSON.stringify({ tokenomics: { treasuryBurn: 50_000 } }));
  const stored = await api.query.parameters.parameters(burnKey);
  assert.equal(JSON.stringify(stored.unwrap().toJSON()), JSON.stringify({ tokenomics: { treasuryBurn: 50_000 } }));
  await splitSet;
  assert.equal((await api.query.inflation.params()).toJSON().target, 600_000_000, 'the target is 60%');
  assert.deepEqual((await api.query.inflation.split()).toJSON(), NEW_SPLIT);
  assert.notDeepEqual(splitBefore, NEW_SPLIT);

  // The voted-down referendum ends rejected and its call never runs: the value stays 5%.
  await rejected;
  const info = await api.query.referenda.referendumInfoFor(rejectedRef);
  assert.ok(info.unwrap().isRejected);
  const after = await api.query.parameters.parameters(burnKey);
  assert.equal(JSON.stringify(after.unwrap().toJSON()), JSON.stringify({ tokenomics: { treasuryBurn: 50_000 } }));
  assert.equal((await api.query.inflation.params()).toJSON().target, 600_000_000, 'still 60%');
});

test('the one-referendum treasury drain passes its vote on the tokenomics_admin track and fails when enacted', async () => {
  const attacker = keys.ferdie;
  const accomplices = ['//Accomplice1', '//Accomplice2'].map((uri) => new Keyring({ type: 'sr25519' }).addFromUri(uri).address);
  const registryBefore = JSON.stringify((await api.query.subDaos.registry(0)).toJSON());
  const paramsBefore = JSON.stringify((await api.query.subDaos.params()).toJSON());
  const epoch = (await api.query.subDaos.currentEpoch()).toNumber();
  const current = (await api.query.subDaos.registry(0)).unwrap().config.emissionSchedule.toJSON();
  const perEpoch = BigInt(current[current.length - 1].perEpoch);
  const drain = api.tx.utility.batchAll([
    api.tx.subDaos.updateSubdao(0, {
      emissionSchedule: [...current, { fromEpoch: epoch + 2, perEpoch: perEpoch * 10n }],
      onboardingFee: null,
      burnAuthority: null,
      // The attacker's own keys as the rewards oracles (two of three agreeing).
      rewardsOracles: { members: [attacker.address, ...accomplices], quorum: 2 },
      curveK: null,
    }),
    api.tx.subDaos.setParams({ ...(await api.query.subDaos.params()).toJSON(), redemptionCap: 1_000_000_000 }),
  ]);
  const [ref] = await submitReferenda([{ call: drain, origin: { Origins: 'TokenomicsAdmin' } }]);
  const dispatched = waitForEvent(api, (e) => api.events.scheduler.Dispatched.is(e) && e.data.result.isErr, 240_000, 'the drain dispatched');
  await voteAll([{ index: ref, aye: true }]);
  const event = await dispatched;
  const error = api.registry.findMetaError(event.data.result.asErr.asModule);
  assert.equal(`${error.section}.${error.name}`, 'subDaos.AuthorityChangeNeedsRoot');
  assert.equal(JSON.stringify((await api.query.subDaos.registry(0)).toJSON()), registryBefore, 'mobile unchanged');
  assert.equal(JSON.stringify((await api.query.subDaos.params()).toJSON()), paramsBefore, 'the redemption cap unchanged');
  // The attacker is no oracle: reporting rewards for itself fails, and it has none to claim.
  await assert.rejects(send(api, api.tx.subDaos.reportRewards(0, [[attacker.address, FLY]]), attacker), /NotRewardsOracle/);
  await assert.rejects(send(api, api.tx.subDaos.claimRewards(0, attacker.address), attacker), /NoAgreedRewards/);
});

test('the emergency brake: two of three committee members pause DC minting within blocks; only a referendum lifts it', async () => {
  const mint = () => api.tx.dataCredits.mintDataCredits(keys.dave.address, { Fly: { fly: FLY, minCredits: 0 } });
  await send(api, mint(), keys.dave); // open before the motion (the dev node feeds the price)
  const name = ['DataCredits', 'mint_data_credits'];
  const issuance = (await api.query.balances.totalIssuance()).toBigInt();
  const { from, at, result } = await committeeMotion(api, api.tx.txPause.pause(name), keys);
  assert.ok(result.isOk, `the pause: ${result.toString()}`);
  assert.ok(at - from <= 4, `the pause landed ${at - from} blocks after the motion`);
  assert.ok((await api.query.txPause.pausedCalls(name)).isSome);
  assert.equal((await api.query.balances.totalIssuance()).toBigInt(), issuance, 'the brake moved no FLY');
  await assert.rejects(send(api, mint(), keys.dave), /system\.CallFiltered/);
  await assert.rejects(send(api, api.tx.utility.batchAll([mint()]), keys.dave), /CallFiltered/);
  // The committee cannot lift it; a tokenomics_admin referendum does.
  const lift = await committeeMotion(api, api.tx.txPause.unpause(name), keys);
  assert.ok(lift.result.isErr && lift.result.asErr.isBadOrigin, lift.result.toString());
  const [ref] = await submitReferenda([{ call: api.tx.txPause.unpause(name), origin: { Origins: 'TokenomicsAdmin' } }]);
  const unpaused = waitForEvent(api, (e) => api.events.txPause.CallUnpaused.is(e), 240_000, 'TxPause.CallUnpaused');
  await voteAll([{ index: ref, aye: true }]);
  await unpaused;
  await send(api, mint(), keys.dave);
});

test('every pallet\'s invariants hold after the referenda (try-runtime, off-chain)', async () => {
  await assertInvariantsHold(api, `ws://127.0.0.1:${RPC_PORT}`);
});
