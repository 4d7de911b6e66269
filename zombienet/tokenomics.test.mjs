// The tokenomics pallets and their runtime APIs through polkadot.js, against a `--dev` node:
// Alice (the dev oracle feeder) feeds FLY/USD, the DataCreditsApi quotes it, Bob mints Data
// Credits by burning FLY (total issuance falls by exactly that), the SubDaosApi reports the epoch,
// the InflationApi shows rounds starting with the rate stepping toward the bonded target, and a
// subnet is opened, staked and weighted until an epoch pays owner, miner and validator.
// The runtime APIs are called from the metadata alone (`api.call.*`), without custom types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { FLY, startDevNode, devKeyring, send, waitForEvent } from './lib/chain.mjs';

const RPC_PORT = 19954;
const USD = 10n ** 18n; // FixedU128 one
const DC_PER_USD = 100_000n;
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

test('without a price nothing is quoted and a mint is refused', async () => {
  const quote = await api.call.dataCreditsApi.quoteFlyToDc(FLY);
  assert.ok(quote.isNone, 'no quote without a fed price');
  const mint = api.tx.dataCredits.mintDataCredits(keys.bob.address, { Fly: FLY }, 0);
  await assert.rejects(send(api, mint, keys.bob), /NoPrice/);
});

test('only a feeder feeds: a price fed by Alice is quoted and minting burns FLY', async () => {
  const feed = () => api.tx.oracle.feedValues([['FlyUsd', 2n * USD]]);
  await assert.rejects(send(api, feed(), keys.bob), /NoPermission/);
  await send(api, feed(), keys.alice);

  const quote = await api.call.dataCreditsApi.quoteFlyToDc(10n * FLY);
  assert.equal(quote.unwrap().toBigInt(), 20n * DC_PER_USD, '10 FLY at 2 USD = 20 USD of DC');

  const mint = api.tx.dataCredits.mintDataCredits(keys.bob.address, { Fly: 10n * FLY }, 20n * DC_PER_USD);
  const { events, blockHash } = await send(api, mint, keys.bob);
  const minted = events.find((e) => api.events.dataCredits.DataCreditsMinted.is(e));
  assert.ok(minted, 'DataCreditsMinted emitted');
  assert.equal(minted.data.credits.toBigInt(), 20n * DC_PER_USD);
  // Fees go to the treasury (not burned), so across the mint's block issuance falls by the burn
  // alone, plus whatever an inflation round starting in that block minted.
  const header = await api.rpc.chain.getHeader(blockHash);
  const at = await api.at(blockHash);
  const issuanceBefore = (await (await api.at(header.parentHash)).query.balances.totalIssuance()).toBigInt();
  const issuanceAfter = (await at.query.balances.totalIssuance()).toBigInt();
  const roundMint = (await at.query.system.events())
    .filter(({ event }) => api.events.inflation.RoundStarted.is(event))
    .reduce((sum, { event }) => sum + event.data.minted.toBigInt(), 0n);
  assert.equal(issuanceBefore - issuanceAfter + roundMint, 10n * FLY);
  const dc = await api.call.dataCreditsApi.dcBalance(keys.bob.address);
  assert.equal(dc.toBigInt(), 20n * DC_PER_USD);
});

test('the subDAO API reports the epoch and the dev chain has no subDAO yet', async () => {
  const info = (await api.call.subDaosApi.epochInfo()).toJSON();
  assert.equal(info.epochLength, 20, 'fast-runtime epochs are 20 blocks');
  const scores = await api.call.subDaosApi.scores();
  assert.equal(scores.length, 0);
  const quote = await api.call.subDaosApi.redemptionQuote(0, FLY);
  assert.ok(quote.isNone);
});

test('inflation: a round starts every 10 blocks, the rate steps up while little is bonded', async () => {
  const round = (await api.call.inflationApi.currentRound()).toJSON();
  assert.equal(round.length, 10, 'fast-runtime rounds are 10 blocks');
  const rateBefore = (await api.call.inflationApi.rate()).toBigInt();
  const next = (await api.call.inflationApi.nextRoundBlock()).toNumber();
  // Wait for the next round start.
  for (;;) {
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    if (head >= next) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const hash = await api.rpc.chain.getBlockHash(next);
  const events = await (await api.at(hash)).query.system.events();
  const started = events.find(({ event }) => api.events.inflation.RoundStarted.is(event));
  assert.ok(started, `RoundStarted in block ${next}`);
  const { round: index, rate, minted } = started.event.data;
  assert.equal(index.toNumber(), round.index + 1);
  assert.ok(minted.toBigInt() > 0n, 'FLY minted');
  // Nothing is bonded on a fresh dev chain: one step (500 parts per billion) up.
  assert.equal(rate.toBigInt(), rateBefore + 500n);
  const e = await (await api.at(hash)).query.inflation.lastEmission();
  const routed = [e.stakers, e.subdaos, e.subnets, e.treasury].reduce((s, v) => s + v.toBigInt(), 0n);
  assert.equal(routed, minted.toBigInt(), 'minted = sum routed');
});

test('subnets: register, stake, weights; an epoch pays owner 18%, miners and validators 41% each', async () => {
  const keyring = new Keyring({ type: 'sr25519' });
  const [aliceHot, bobHot, charlieHot] = ['//Alice//stash', '//Bob//stash', '//Charlie//stash'].map((u) =>
    keyring.addFromUri(u),
  );
  assert.equal((await api.call.subnetsApi.lockCost()).toBigInt(), 1_000n * FLY, 'the floor on a fresh chain');
  const { events } = await send(api, api.tx.subnets.registerNetwork(aliceHot.address), keys.alice);
  const registered = events.find((e) => api.events.subnets.NetworkRegistered.is(e));
  const netuid = registered.data.netuid.toNumber();
  assert.equal(registered.data.locked.toBigInt(), 1_000n * FLY);
  assert.equal((await api.call.subnetsApi.registrationPrice(netuid)).unwrap().toBigInt(), FLY);
  await send(api, api.tx.subnets.registerNeuron(netuid, bobHot.address), keys.bob);
  await send(api, api.tx.subnets.registerNeuron(netuid, charlieHot.address), keys.charlie);
  await send(api, api.tx.subnets.addStake(netuid, bobHot.address, 10_000n * FLY), keys.bob);
  // A plain account cannot change the global parameters.
  const params = (await api.query.subnets.params()).toJSON();
  await assert.rejects(send(api, api.tx.subnets.setGlobalParams(params), keys.bob), /BadOrigin/);

  // The next epoch gives Bob's hotkey (uid 1) its validator permit; it weights Charlie's (uid 2).
  const isEpoch = (e) => api.events.subnets.EpochRun.is(e) && e.data.netuid.toNumber() === netuid;
  await waitForEvent(api, isEpoch, 120_000, 'the first epoch');
  const validator = (await api.call.subnetsApi.neuronInfo(netuid, 1)).unwrap();
  assert.ok(validator.validatorPermit.isTrue, 'the staked hotkey is a validator');
  await send(api, api.tx.subnets.setWeights(netuid, [[2, 65535]]), bobHot);

  // Rounds and this subnet's epochs share their blocks (both every 10), the round first: the
  // next epoch pays the round's subnet share, split 18 / 41 / 41.
  const paid = await waitForEvent(api, (e) => isEpoch(e) && e.data.miners.toBigInt() > 0n, 120_000, 'a paying epoch');
  const [owner, miners, validators] = ['owner', 'miners', 'validators'].map((k) => paid.data[k].toBigInt());
  const total = owner + miners + validators;
  assert.equal(paid.data.carried.toBigInt(), 0n);
  assert.equal(owner, (total * 18n) / 100n);
  assert.equal(miners, (total - owner) / 2n);
  const miner = (await api.call.subnetsApi.neuronInfo(netuid, 2)).unwrap();
  assert.ok(miner.pending.toBigInt() >= miners, 'the miner holds its incentive');
  const before = (await api.query.system.account(keys.charlie.address)).data.free.toBigInt();
  await send(api, api.tx.subnets.claimEmission(netuid, charlieHot.address), keys.charlie);
  const afterClaim = (await api.query.system.account(keys.charlie.address)).data.free.toBigInt();
  assert.ok(afterClaim > before, 'the miner claimed its emission');
});
