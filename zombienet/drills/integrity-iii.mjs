// SPDX-License-Identifier: Apache-2.0
// Drill: issue #32's attacks, run with polkadot.js against a fresh `--dev` node (not part of CI:
// it takes a few minutes and proves what the unit tests prove, on the real chain).
//
//   node zombienet/drills/integrity-iii.mjs        # uses $FLYWHEEL_NODE or the shared target's node
//
// 1. Slot squatting: cheap operators fill every candidate slot; a 200,000 FLY operator still
//    gets in (evicting the lowest), and the evicted one rejoins with more stake; the squatters
//    resign and unbond towards dust, and hold no slot.
// 2. Bait-and-switch: an operator's cut cannot jump from 0% to 100%.
// 3. Stake shuttle in one utility.batchAll: stake that leaves and returns within a round stops
//    counting for the round (the bonded ratio's low falls by it).
// Prints what it saw; exits non-zero when an attack succeeds.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { FLY, devKeyring, send, startDevNode } from '../lib/chain.mjs';

const node = await startDevNode(9960);
const { api } = node;
const keys = devKeyring();
const keyring = new Keyring({ type: 'sr25519' });
const log = (...a) => console.log('[drill]', ...a);
const refusal = async (promise) => promise.then(() => null, (e) => e.message);
const pct = (p) => p * 10_000_000; // Perbill

try {
  const max = api.consts.bonding.maxOperators.toNumber();
  const minSelf = (await api.query.bonding.rules()).minSelfBond.toBigInt();
  const existing = (await api.query.bonding.candidates()).length;
  const free = max - existing;
  log(`candidate slots: ${max}, taken at genesis: ${existing}, min self-bond: ${minSelf / FLY} FLY`);

  // Fund the squatters (min self-bond + fees) and a whale, in one batch.
  const squatters = Array.from({ length: free }, (_, i) => keyring.addFromUri(`//Squatter/${i}`));
  const whale = keyring.addFromUri('//Whale');
  const funding = squatters.map((s) => api.tx.balances.transferKeepAlive(s.address, minSelf + 10n * FLY));
  funding.push(api.tx.balances.transferKeepAlive(whale.address, 200_010n * FLY));
  await send(api, api.tx.utility.batchAll(funding), keys.alice);

  // 1. Every free slot taken by a squatter bonding the minimum.
  await Promise.all(squatters.map((s) => send(api, api.tx.bonding.registerOperator(0, 0, minSelf), s)));
  assert.equal((await api.query.bonding.candidates()).length, max, 'every slot taken');
  const late = keyring.addFromUri('//Late');
  await send(api, api.tx.balances.transferKeepAlive(late.address, minSelf + 10n * FLY), keys.alice);
  const lateErr = await refusal(send(api, api.tx.bonding.registerOperator(0, 0, minSelf), late));
  log(`a newcomer offering the same minimum: ${lateErr}`);
  assert.equal(lateErr, 'bonding.TooManyOperators');
  const { events } = await send(api, api.tx.bonding.registerOperator(pct(10), pct(50), 200_000n * FLY), whale);
  const evicted = events.find((e) => api.events.bonding.OperatorEvicted.is(e));
  assert.ok(evicted, 'the whale evicted the lowest candidate');
  log(`the 200,000 FLY operator got in: ${evicted.toHuman().method} ${JSON.stringify(evicted.data.toHuman())}`);

  // The evicted squatter rejoins with more self-bond: it evicts the lowest candidate in turn.
  const evictedKey = squatters.find((s) => s.address === evicted.data.operator.toString());
  await send(api, api.tx.balances.transferKeepAlive(evictedKey.address, 1_010n * FLY), keys.alice);
  const { events: rejoined } = await send(api, api.tx.bonding.rejoin(1_000n * FLY), evictedKey);
  assert.ok(rejoined.some((e) => api.events.bonding.OperatorRejoined.is(e)), 'rejoined');
  const second = rejoined.find((e) => api.events.bonding.OperatorEvicted.is(e));
  assert.ok(second, 'the rejoin evicted the lowest candidate');
  log(`the evicted squatter rejoined with 1,000 FLY more, evicting ${second.data.operator.toString().slice(0, 8)}…`);

  // Squatters resign and unbond towards dust: dust is refused, and resigned records hold no slot.
  const rest = [];
  for (const s of squatters) {
    if (!(await api.query.bonding.operators(s.address)).unwrap().resigned.isTrue) rest.push(s);
  }
  await Promise.all(rest.map((s) => send(api, api.tx.bonding.resign(), s)));
  const dustErr = await refusal(send(api, api.tx.bonding.unbond(minSelf - 1n), rest[0]));
  log(`unbond to 1 planck: ${dustErr}`);
  assert.equal(dustErr, 'bonding.DustBond');
  const candidates = (await api.query.bonding.candidates()).length;
  log(`after ${rest.length} resignations: ${candidates} of ${max} slots held`);
  assert.equal(candidates, existing + 1, 'only the genesis operators and the whale hold slots');
  await send(api, api.tx.bonding.registerOperator(0, 0, minSelf), late);
  log('the newcomer with the minimum now gets a slot');
  // Governance removes a resigned squatter with self-bond left.
  const { events: removed } = await send(api, api.tx.sudo.sudo(api.tx.bonding.removeOperator(rest[0].address)), keys.alice);
  assert.ok(removed.some((e) => api.events.bonding.OperatorRemoved.is(e)), 'root removed a resigned operator');
  log('root removed a resigned squatter');

  // 2. Bait-and-switch: 10% → 100% in one step is refused; a raise within the step is pending.
  const switchErr = await refusal(send(api, api.tx.bonding.updateOperator(pct(100), pct(50)), whale));
  log(`whale raises its cut 10% → 100%: ${switchErr}`);
  assert.equal(switchErr, 'bonding.TermsStepTooLarge');

  // 3. Shuttle in one batch: Eve's 10,000 FLY on subnet 0 leave and come back in one block.
  const eveHot = keyring.addFromUri('//Eve//stash').address;
  const lowBefore = (await api.query.subnets.totalStakeAtLastRound()).toBigInt();
  const shuttle = api.tx.utility.batchAll([
    api.tx.subnets.removeStake(0, eveHot, 5_000n * FLY),
    api.tx.subnets.addStake(0, eveHot, 5_000n * FLY),
  ]);
  await send(api, shuttle, keys.eve);
  const total = (await api.query.subnets.totalStake()).toBigInt();
  const low = (await api.query.subnets.totalStakeAtLastRound()).toBigInt();
  const snapshot = (await api.query.subnets.networks(0)).unwrap().stakeSnapshot.toBigInt();
  log(`shuttle of 5,000 FLY: total ${total / FLY} FLY, counted this round ${low / FLY} FLY (was ${lowBefore / FLY}), subnet 0's low ${snapshot / FLY}`);
  assert.equal(low, lowBefore - 5_000n * FLY, 'the shuttled stake stops counting for the round');
  log('every attack refused or gained nothing');
} finally {
  await node.stop();
}
