// SPDX-License-Identifier: Apache-2.0
// The economy end to end through polkadot.js, against a `--dev` node: the production wasm with
// the development preset's chain profile (rounds of 10 blocks, epochs of 20, subnet tempo 10). The dev chain boots into a living
// economy (subDAOs mobile and iot, operator Eve with delegators, subnet 0) and the node feeds
// FLY/USD as the dev feeder. The scenarios, in order:
//   a. price fed -> mint DC (issuance falls) -> delegate to a router -> the router burns ->
//      the epoch closes -> treasuries receive FLY by score -> the APIs show it; a stale price
//      is refused;
//   b. DNT -> FLY redemption with a slippage bound; a redemption over the breaker fails cleanly;
//   c. inflation steps up while little is bonded, down once more than the target is bonded; a
//      delegator's rewards compound into its bond;
//   d. a subnet is opened, staked and weighted until an epoch pays owner, miners and validators
//      18 / 41 / 41; DC burned for it counts as its revenue; a flash stake earns nothing;
//   e. (beside d, on its own account) veFLY delegated in the last block of an epoch adds nothing
//      to that epoch's veFLY or delegator DNT and counts from the next epoch;
// and at the end `flywheel-node try-runtime` passes on the state the scenarios left (upgrade
// checks, idempotency, every pallet's try_state, the last blocks executed again), while the
// wasm itself answers `None` to `TokenomicsApi.checkInvariants` (it carries no full scan).
// Runtime APIs are called from the metadata alone (`api.call.*`), without custom types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { FLY, startDevNode, devKeyring, send, tryRuntime, waitForEvent } from './lib/chain.mjs';

const RPC_PORT = 19954;
const DC_PER_USD = 100_000n;
const MOBILE = 0;
const IOT = 1;
const ROUTER_KEY = `0x${'07'.repeat(32)}`;
let node;
let api;
let keys;
let stash;

before(async () => {
  node = await startDevNode(RPC_PORT);
  api = node.api;
  keys = devKeyring();
  const keyring = new Keyring({ type: 'sr25519' });
  stash = Object.fromEntries(
    ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}//stash`)]),
  );
});

after(async () => {
  if (node) await node.stop();
});

const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
const head = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const blockNumber = async (hash) => (await api.rpc.chain.getHeader(hash)).number.toNumber();

/// The first block after block `after` whose events hold one matching `predicate`: `{ event,
/// number, at }` (`at`: the API at that block). Unlike a subscription, it never returns an event
/// of `after` or earlier, so two calls in a row find two different blocks.
async function eventAfter(predicate, after, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (let number = after + 1; ; number++) {
    while ((await head()) < number) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(300);
    }
    const at = await api.at(await api.rpc.chain.getBlockHash(number));
    const event = (await at.query.system.events()).map((r) => r.event).find(predicate);
    if (event) return { event, number, at };
  }
}

/// Sends `call` through sudo; rejects if the sudo call itself failed.
async function sudo(call) {
  const { events } = await send(api, api.tx.sudo.sudo(call), keys.alice);
  const sudid = events.find((e) => api.events.sudo.Sudid.is(e));
  assert.ok(sudid.data.sudoResult.isOk, `sudo call failed: ${sudid.data.sudoResult.toString()}`);
}

/// The RoundStarted event of the first round after round `index`.
function roundStartAfter(index) {
  const later = (e) => api.events.inflation.RoundStarted.is(e) && e.data.round.toNumber() > index;
  return waitForEvent(api, later, 120_000, `a round after ${index}`);
}

test('the dev chain boots into a living economy', async () => {
  const scores = (await api.call.subDaosApi.scores()).toJSON();
  const names = [];
  for (const id of [MOBILE, IOT]) {
    const info = (await api.query.subDaos.registry(id)).unwrap();
    names.push(new TextDecoder().decode(info.config.name.toU8a(true)));
  }
  assert.deepEqual(names, ['mobile', 'iot']);
  assert.ok(Array.isArray(scores));
  const eve = (await api.query.bonding.operators(keys.eve.address)).unwrap();
  assert.equal(eve.stake.toBigInt(), 200_000n * FLY, 'Eve, Ferdie and Bob bonded to Eve');
  const subnet = (await api.call.subnetsApi.subnetInfo(0)).unwrap();
  assert.equal(subnet.owner.toString(), keys.dave.address);
  assert.ok((await api.call.subnetsApi.neuronInfo(0, 2)).isSome, 'subnet 0 has three neurons');
  const feeders = (await api.query.oracleFeeders.members()).map((m) => m.toString());
  assert.equal(feeders.length, 1, 'one dev feeder');
  assert.ok(!feeders.includes(keys.alice.address));
});

test('a. the node feeds the price; only feeders feed; DC minted by burning FLY lowers issuance', async () => {
  // The node feeds $1.00 on the first block and every ten blocks after.
  let quote;
  for (let i = 0; i < 60; i++) {
    quote = await api.call.dataCreditsApi.quoteFlyToDc(FLY);
    if (quote.isSome) break;
    await sleep(1000);
  }
  assert.ok(quote.isSome, 'a price was fed without manual steps');
  assert.equal(quote.unwrap().toBigInt(), DC_PER_USD, '1 FLY at the dev price of 1 USD');
  const feed = api.tx.oracle.feedValues([['FlyUsd', 5n * 10n ** 18n]]);
  await assert.rejects(send(api, feed, keys.bob), /NoPermission/);
  // The operational feed call is for feeders only, and the pool refuses anyone else's: it is
  // never included (Bob's nonce stays), so it can neither fill the operational class nor cost a fee.
  const bobNonce = (await api.query.system.account(keys.bob.address)).nonce.toNumber();
  await assert.rejects(send(api, api.tx.dataCredits.feedPrice(5n * 10n ** 18n), keys.bob), /1010.*Custom error: 1\b/);
  assert.equal((await api.query.system.account(keys.bob.address)).nonce.toNumber(), bobNonce);

  const mint = api.tx.dataCredits.mintDataCredits(keys.bob.address, { Fly: { fly: 10n * FLY, minCredits: 10n * DC_PER_USD } });
  const { events, blockHash } = await send(api, mint, keys.bob);
  const minted = events.find((e) => api.events.dataCredits.DataCreditsMinted.is(e));
  assert.equal(minted.data.credits.toBigInt(), 10n * DC_PER_USD);
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
  assert.equal((await api.call.dataCreditsApi.dcBalance(keys.bob.address)).toBigInt(), 10n * DC_PER_USD);
  const health = (await api.call.tokenomicsApi.health()).currentEpoch;
  assert.ok(health.flyBurned.toBigInt() >= 10n * FLY, 'the health summary counts the burn');
});

test('a. a stale price is refused', async () => {
  // Governance tightens the maximum age to 1 ms: every feed is older than that a block later.
  const rules = (await api.query.dataCredits.ledger()).settings.priceRules.toJSON();
  await sudo(api.tx.dataCredits.setPriceRules({ ...rules, maxAgeMs: 1 }));
  const mint = api.tx.dataCredits.mintDataCredits(keys.bob.address, { Fly: { fly: FLY, minCredits: 0 } });
  await assert.rejects(send(api, mint, keys.bob), /StalePrice/);
  assert.ok((await api.call.dataCreditsApi.quoteFlyToDc(FLY)).isNone, 'nothing is quoted either');
  await sudo(api.tx.dataCredits.setPriceRules(rules));
  assert.ok((await api.call.dataCreditsApi.quoteFlyToDc(FLY)).isSome);
});

let closedEpoch;

test('a. delegated DC burned by the router scores mobile; the epoch close pays treasuries by score', async () => {
  const dc = 5n * DC_PER_USD;
  await send(api, api.tx.dataCredits.delegateDataCredits(MOBILE, ROUTER_KEY, dc), keys.bob);
  assert.equal((await api.call.dataCreditsApi.escrowBalance(MOBILE, ROUTER_KEY)).toBigInt(), dc);
  // Only mobile's burn authority (Alice) burns from its escrows.
  const burn = (amount) => api.tx.dataCredits.burnDelegatedDataCredits(MOBILE, ROUTER_KEY, amount);
  await assert.rejects(send(api, burn(dc), keys.bob), /NotBurnAuthority/);
  await send(api, burn(dc), keys.alice);
  const burnEpoch = (await api.call.subDaosApi.epochInfo()).currentEpoch.toNumber();
  assert.equal((await api.call.dataCreditsApi.escrowBalance(MOBILE, ROUTER_KEY)).toBigInt(), 0n);

  const treasury = async (id) => (await api.call.tokenomicsApi.health()).treasuries.find((t) => t.subdao.toNumber() === id);
  const before = await Promise.all([MOBILE, IOT].map(async (id) => (await treasury(id)).treasuryFly.toBigInt()));
  const isClose = (e) => api.events.subDaos.EpochScored.is(e) && e.data.epoch.toNumber() === burnEpoch;
  await waitForEvent(api, isClose, 180_000, `the close of epoch ${burnEpoch}`);
  closedEpoch = burnEpoch;
  await waitForEvent(api, (e) => api.events.subDaos.EpochClosed.is(e) && e.data.epoch.toNumber() === closedEpoch, 60_000, 'the payouts');
  const scores = (await api.call.subDaosApi.scores()).map((s) => s.toJSON());
  assert.deepEqual(scores.map((s) => s.subdao), [MOBILE, IOT]);
  const [mobile, iot] = scores.map((s) => s.record);
  assert.equal(BigInt(mobile.dcBurned), dc, 'the router burn counts for mobile');
  // Mobile has twice iot's veFLY and burned DC: a higher score and a larger payout.
  assert.ok(BigInt(mobile.score) > BigInt(iot.score));
  assert.ok(BigInt(mobile.flyToTreasury) > BigInt(iot.flyToTreasury));
  const after = await Promise.all([MOBILE, IOT].map(async (id) => (await treasury(id)).treasuryFly.toBigInt()));
  // The API reports what a treasury can pay out: it keeps the existential deposit, so a first
  // payout shows that much less. (At least: the previous epoch's payout may have landed after
  // `before` was read.)
  const ed = api.consts.balances.existentialDeposit.toBigInt();
  assert.ok(after[0] - before[0] + ed >= BigInt(mobile.flyToTreasury), 'mobile treasury received its share');
  assert.ok(after[1] - before[1] + ed >= BigInt(iot.flyToTreasury), 'iot treasury received its share');
  assert.ok(BigInt(iot.flyToTreasury) > 0n);
  const closed = (await api.call.tokenomicsApi.epochHealth(closedEpoch)).unwrap();
  assert.ok(closed.closed.isTrue);
  assert.ok(closed.flyMinted.toBigInt() > 0n, 'rounds minted FLY in the epoch');
  assert.ok(closed.issuance.toBigInt() > 0n);
});

test('b. DNT redeems for treasury FLY with a slippage bound; the outflow breaker stops a second redemption', async () => {
  // Two of mobile's three rewards oracles (Charlie, Dave) report Bob's lifetime rewards; Bob
  // claims what they agree on from the rewards escrow (minted at the close). One report alone
  // pays nothing. The escrow pays at most two epochs of emission (20,000 DNT) a rolling epoch.
  const supply = (await api.query.assets.asset(1_000_000 + MOBILE)).unwrap().supply.toBigInt();
  assert.ok(supply > 0n, 'DNT was minted at the close');
  const halfSupply = supply / 2n;
  const paid = halfSupply < 15_000n * FLY ? halfSupply : 15_000n * FLY;
  const report = api.tx.subDaos.reportRewards(MOBILE, [[keys.bob.address, paid]]);
  await send(api, report, keys.charlie);
  await assert.rejects(send(api, api.tx.subDaos.claimRewards(MOBILE, keys.bob.address), keys.bob), /NoAgreedRewards/);
  await send(api, report, keys.dave);
  const { events: claimed } = await send(api, api.tx.subDaos.claimRewards(MOBILE, keys.bob.address), keys.bob);
  const claim = claimed.find((e) => api.events.subDaos.RewardsClaimed.is(e));
  assert.equal(claim.data.amount.toBigInt(), paid, 'Bob was paid what the quorum agreed');

  const redeemAmount = supply / 10n; // 10% of the supply: 10% of the treasury (k = 0), under the 20% cap
  const quote = (await api.call.subDaosApi.redemptionQuote(MOBILE, redeemAmount)).unwrap().toBigInt();
  assert.ok(quote > 0n);
  await assert.rejects(send(api, api.tx.subDaos.redeem(MOBILE, redeemAmount, quote + 1n), keys.bob), /SlippageExceeded/);
  const before = await free(keys.bob.address);
  const { events } = await send(api, api.tx.subDaos.redeem(MOBILE, redeemAmount, quote), keys.bob);
  const redeemed = events.find((e) => api.events.subDaos.Redeemed.is(e));
  assert.equal(redeemed.data.dntBurned.toBigInt(), redeemAmount);
  assert.ok(redeemed.data.flyPaid.toBigInt() >= quote);
  assert.ok((await free(keys.bob.address)) > before, 'Bob received FLY (net of the fee)');

  // Another 20% of the supply would take the day's outflow past 20% of the treasury.
  const dntBefore = (await api.query.assets.account(1_000_000 + MOBILE, keys.bob.address)).unwrap().balance.toBigInt();
  await assert.rejects(send(api, api.tx.subDaos.redeem(MOBILE, supply / 5n, 0), keys.bob), /RedemptionCapExceeded/);
  const dntAfter = (await api.query.assets.account(1_000_000 + MOBILE, keys.bob.address)).unwrap().balance.toBigInt();
  assert.equal(dntAfter, dntBefore, 'the refused redemption burned nothing');
});

test('c. inflation steps up below the bonded target and down above it; rewards compound into a bond', async () => {
  const step = 500n; // parts per billion
  const round = (await api.call.inflationApi.currentRound()).toJSON().index;
  let started = await roundStartAfter(round);
  let rate = started.data.rate.toBigInt();
  assert.ok(started.data.bondedRatio.toNumber() < 500_000_000, 'little is bonded at first');
  started = await roundStartAfter(started.data.round.toNumber());
  assert.equal(started.data.rate.toBigInt(), rate + step, 'one step up');
  rate = started.data.rate.toBigInt();

  // Ten accounts bond 650,000 FLY each to Eve: well above half of the issuance. The bonded
  // ratio counts active stake once a round has seen it (the lower of the last round and now), so
  // the round that follows still steps up, and the one after steps down.
  const bonders = [keys.alice, keys.bob, keys.eve, keys.ferdie, ...Object.values(stash)];
  await Promise.all(bonders.map((who) => send(api, api.tx.bonding.bond(keys.eve.address, 650_000n * FLY), who)));
  assert.ok((await api.call.inflationApi.bondedRatio()).toNumber() < 500_000_000, 'not counted before a round');
  started = await roundStartAfter((await api.call.inflationApi.currentRound()).toJSON().index);
  assert.equal(started.data.rate.toBigInt(), rate + step, 'still one step up');
  rate = started.data.rate.toBigInt();
  assert.ok((await api.call.inflationApi.bondedRatio()).toNumber() > 500_000_000, 'above the 50% target');
  started = await roundStartAfter(started.data.round.toNumber());
  assert.equal(started.data.rate.toBigInt(), rate - step, 'one step down');

  // Ferdie has delegated to Eve since genesis: his share of the stakers' emission compounded
  // into his bond (LIP-36: bond × Eve's reward factor now / the factor he settled at).
  const bond = (await api.query.bonding.delegations(keys.ferdie.address)).unwrap();
  const eve = (await api.query.bonding.operators(keys.eve.address)).unwrap();
  const grown = (bond.bonded.toBigInt() * eve.rewardFactor.toBigInt()) / bond.rewardFactor.toBigInt();
  assert.ok(grown > bond.bonded.toBigInt(), 'rewards compounded into the bond');
  // Unbonding settles it: the compounded FLY moves into his hold and then into the lock.
  const { events } = await send(api, api.tx.bonding.unbond(grown), keys.ferdie);
  const unbonded = events.find((e) => api.events.bonding.Unbonded.is(e));
  assert.equal(unbonded.data.amount.toBigInt(), grown);
});

/// Scenario e: Ferdie's stash locks veFLY and delegates it to iot in the last blocks of an epoch.
/// Returns what the closes of that epoch and the next recorded; runs beside scenario d.
async function lastBlockDelegation() {
  const who = stash.ferdie;
  // The chain profile's epoch; veFLY saturates after 1,460 of them.
  const epochLength = (await api.query.chainProfile.profile()).toJSON().epochLength;
  const saturation = 1460 * epochLength;
  const locked = await send(api, api.tx.subDaos.lock(100_000n * FLY, 'Constant', saturation), who);
  const position = locked.events.find((e) => api.events.subDaos.Locked.is(e)).data.position.toBigInt();
  const close = (await api.call.subDaosApi.epochInfo()).nextCloseBlock.toNumber();
  while ((await head()) < close - 2) await sleep(300);
  const delegated = await send(api, api.tx.subDaos.delegate(position, IOT), who);
  const block = await blockNumber(delegated.blockHash);
  const epoch = Math.floor(block / epochLength);
  const fromEpoch = delegated.events.find((e) => api.events.subDaos.Delegated.is(e)).data.fromEpoch.toNumber();
  const power = (await api.call.subDaosApi.positionPower(position)).unwrap().toBigInt(); // constant lock
  const closed = (n) => (e) => api.events.subDaos.EpochClosed.is(e) && e.data.epoch.toNumber() === n;
  const record = async (at, n) => (await at.query.subDaos.epochRecords(IOT, n)).unwrap();
  const first = await eventAfter(closed(epoch), block, 240_000, `the close of epoch ${epoch}`);
  const early = await send(api, api.tx.subDaos.claimDelegationRewards(position, epoch), who).then(
    () => 'paid',
    (e) => e.message,
  );
  const second = await eventAfter(closed(epoch + 1), first.number, 240_000, `the close of epoch ${epoch + 1}`);
  const { events } = await send(api, api.tx.subDaos.claimDelegationRewards(position, epoch + 1), who);
  const claimed = events.find((e) => api.events.subDaos.DelegationRewardsClaimed.is(e)).data;
  return {
    block, close, epoch, fromEpoch, power, saturation, early, claimed,
    before: await record(first.at, epoch),
    after: await record(second.at, epoch + 1),
  };
}

let lateDelegation;

test('e. (starts) a veFLY position is delegated in the last blocks of an epoch', () => {
  lateDelegation = lastBlockDelegation();
  lateDelegation.catch(() => {}); // awaited (and reported) by the check after scenario d
});

test('d. subnets: register, stake, weights; an epoch pays owner 18%, miners and validators 41% each', async () => {
  const lockCost = (await api.call.subnetsApi.lockCost()).toBigInt();
  assert.ok(lockCost >= 1_000n * FLY, 'at least the floor (the genesis subnet raised it)');
  const { events } = await send(api, api.tx.subnets.registerNetwork(stash.alice.address), keys.alice);
  const registered = events.find((e) => api.events.subnets.NetworkRegistered.is(e));
  const netuid = registered.data.netuid.toNumber();
  assert.equal(netuid, 1, 'after the genesis subnet');
  // The cost decays block by block from the quote to the registration.
  const locked = registered.data.locked.toBigInt();
  assert.ok(locked <= lockCost && locked >= 1_000n * FLY, `locked ${locked} within [floor, quote]`);
  assert.equal((await api.call.subnetsApi.registrationPrice(netuid)).unwrap().toBigInt(), FLY);
  await send(api, api.tx.subnets.registerNeuron(netuid, stash.bob.address), keys.bob);
  await send(api, api.tx.subnets.registerNeuron(netuid, stash.charlie.address), keys.charlie);
  const staked = await send(api, api.tx.subnets.addStake(netuid, stash.bob.address, 10_000n * FLY), keys.bob);
  const stakedIn = await blockNumber(staked.blockHash);
  // A plain account cannot change the global parameters.
  const params = (await api.query.subnets.params()).toJSON();
  await assert.rejects(send(api, api.tx.subnets.setGlobalParams(params), keys.bob), /BadOrigin/);

  // DC burned for the subnet's service by its service authority (Bob, set by the owner) is its
  // revenue (until the next round shares the pool); nobody else's burn counts.
  const burnForSubnet = api.tx.dataCredits.burnDataCreditsForSubnet(netuid, DC_PER_USD);
  await assert.rejects(send(api, burnForSubnet, keys.bob), /NotServiceAuthority/);
  await send(api, api.tx.subnets.setServiceAuthority(netuid, keys.bob.address), keys.alice);
  const burned = await send(api, burnForSubnet, keys.bob);
  const subnetThen = (await (await api.at(burned.blockHash)).query.subnets.networks(netuid)).unwrap();
  assert.equal(subnetThen.dcRevenue.toBigInt(), DC_PER_USD);
  await assert.rejects(send(api, api.tx.dataCredits.burnDataCreditsForSubnet(99, 1), keys.bob), /UnknownSubnet/);

  // Stake counts once it has been at stake for a whole epoch: the first epoch leaves Bob's new
  // stake out, the second gives his hotkey (uid 1) its validator permit; it weights Charlie's
  // (uid 2).
  const isEpoch = (e) => api.events.subnets.EpochRun.is(e) && e.data.netuid.toNumber() === netuid;
  const permitAt = async (at) => (await at.query.subnets.neurons(netuid))[1].validatorPermit.isTrue;
  const first = await eventAfter(isEpoch, stakedIn, 120_000, 'the first epoch');
  assert.ok(!(await permitAt(first.at)), 'stake added since the last epoch does not count yet');
  const second = await eventAfter(isEpoch, first.number, 120_000, 'the second epoch');
  assert.ok(await permitAt(second.at), 'the staked hotkey is a validator');
  const weighted = await send(api, api.tx.subnets.setWeights(netuid, [[2, 65535]]), stash.bob);

  // The first paying epoch also pays what waited in the miners' and validators' pots (carried
  // without a second owner's cut); the one after splits fresh emission 18 / 41 / 41.
  const paying = (e) => isEpoch(e) && e.data.miners.toBigInt() > 0n;
  const firstPaid = await eventAfter(paying, await blockNumber(weighted.blockHash), 120_000, 'a paying epoch');
  const paid = (await eventAfter(paying, firstPaid.number, 120_000, 'the next paying epoch')).event;
  const [owner, miners, validators] = ['owner', 'miners', 'validators'].map((k) => paid.data[k].toBigInt());
  const total = owner + miners + validators;
  assert.equal(paid.data.carried.toBigInt(), 0n);
  assert.equal(owner, (total * 18n) / 100n);
  assert.equal(miners, (total - owner) / 2n);
  const miner = (await api.call.subnetsApi.neuronInfo(netuid, 2)).unwrap();
  assert.ok(miner.pending.toBigInt() >= miners, 'the miner holds its incentive');
  const before = await free(keys.charlie.address);
  await send(api, api.tx.subnets.claimEmission(netuid, stash.charlie.address), keys.charlie);
  assert.ok((await free(keys.charlie.address)) > before, 'the miner claimed its emission');

  // Flash stake: Dave stakes 50× Bob's stake on Bob's validator just before an epoch and takes
  // it out just after. The epoch leaves it out: no dividends for Dave, Bob keeps all of them.
  const whale = 500_000n * FLY;
  const next = (await api.call.subnetsApi.subnetInfo(netuid)).unwrap().nextEpoch.toNumber();
  while ((await head()) < next - 2) await sleep(500);
  const flash = await send(api, api.tx.subnets.addStake(netuid, stash.bob.address, whale), keys.dave);
  const flashed = await eventAfter(paying, await blockNumber(flash.blockHash), 120_000, 'the epoch after the flash stake');
  assert.ok(flashed.event.data.validators.toBigInt() > 0n, 'the validator was paid');
  await send(api, api.tx.subnets.removeStake(netuid, stash.bob.address, whale), keys.dave);
  await assert.rejects(send(api, api.tx.subnets.claimDividends(netuid, stash.bob.address), keys.dave), /NothingToClaim|NotStaked/);
  const now = await api.at(await api.rpc.chain.getBlockHash(await head()));
  assert.ok(await permitAt(now), 'Bob keeps his permit');
});

test('e. the last-block delegation adds nothing to that epoch and counts from the next', async () => {
  const r = await lateDelegation;
  assert.ok(r.block < r.close, `delegated in block ${r.block}, before the close at ${r.close}`);
  assert.equal(r.fromEpoch, r.epoch + 1, 'it counts from the next epoch');
  // The epoch it was delegated in: iot's veFLY at the close is what the genesis positions alone
  // hold (constant locks: their power does not change), and the position has no claim on it.
  const scaled = r.power * BigInt(r.saturation);
  assert.equal(r.after.vePower.toBigInt() - r.before.vePower.toBigInt(), scaled, 'counted at the next close only');
  assert.match(r.early, /NothingToClaim/);
  assert.equal(r.claimed.fromEpoch.toNumber(), r.epoch + 1);
  assert.equal(r.claimed.toEpoch.toNumber(), r.epoch + 1);
  const share = (r.after.dntToDelegators.toBigInt() * scaled) / r.after.vePower.toBigInt();
  assert.equal(r.claimed.amount.toBigInt(), share, 'its pro-rata share of the next epoch alone');
});

test('try-runtime: the state after the scenarios passes the upgrade checks and the last blocks execute again', async () => {
  assert.ok((await api.call.tokenomicsApi.checkInvariants()).isNone, 'the wasm carries no full scan');
  const stdout = await tryRuntime(`ws://127.0.0.1:${RPC_PORT}`, 3);
  assert.match(stdout, /upgrade checks passed/);
  assert.match(stdout, /idempotent/);
  assert.equal((stdout.match(/executed again/g) || []).length, 3, stdout);
});
