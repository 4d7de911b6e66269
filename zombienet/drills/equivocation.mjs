// SPDX-License-Identifier: Apache-2.0
// Drill: issue #34's equivocation reports, sent with polkadot.js against a fresh `--dev` node as a
// user would (not part of CI: the partition test *f* runs the node's own reporting on four
// validators; this runs the signed call by hand).
//
//   node zombienet/drills/equivocation.mjs        # uses $FLYWHEEL_NODE or the shared target's node
//
// 1. Forged reports, signed by Bob: two equal votes (InvalidEquivocationProof), Bob's own
//    equivocation with Alice's key-ownership proof (InvalidKeyOwnershipProof): nothing moves.
// 2. A real one: Alice's GRANDPA key (the dev validator's, `//Alice` ed25519) signs two prevotes
//    of one round; the key-ownership proof comes from the runtime API the node's voter uses;
//    Bob sends `grandpa.reportEquivocation`: the offence slashes Alice's deposit to the treasury
//    (GRANDPA's fraction for one of one is 100%), she stays (the dev chain's minimum is one) and
//    is not disabled (a third of one validator is none); the report's fee is waived.
// 3. The same report again: refused.
// Prints what it saw; exits non-zero when an expectation fails.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { compactStripLength, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { send, startDevNode } from '../lib/chain.mjs';

const node = await startDevNode(9970);
const { api } = node;
try {
  const sr = new Keyring({ type: 'sr25519' });
  const ed = new Keyring({ type: 'ed25519' });
  const bob = sr.addFromUri('//Bob');
  const alice = sr.addFromUri('//Alice').address;
  const aliceGrandpa = ed.addFromUri('//Alice');
  const bobGrandpa = ed.addFromUri('//Bob');
  const holdOf = async (who) => (await api.query.balances.holds(who)).reduce((a, h) => a + h.amount.toBigInt(), 0n);
  const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
  // The treasury's account: "modl" and its pallet id, zero-padded (PalletId::into_account).
  const treasuryAccount = api.registry.createType('AccountId',
    u8aConcat(stringToU8a('modl'), api.consts.treasury.palletId.toU8a(), new Uint8Array(20))).toString();

  // Wait for a few blocks so the session's roots exist.
  while ((await api.rpc.chain.getHeader()).number.toNumber() < 3) await new Promise((r) => setTimeout(r, 2000));
  const setId = (await api.query.grandpa.currentSetId()).toNumber();
  const round = 7;

  /// `signer`'s prevote for `hash` at #10 in `round`, signed as GRANDPA signs it:
  /// (Message::Prevote, round, set_id), SCALE-encoded.
  const prevote = (signer, hash) => {
    const vote = api.registry.createType('FinalityGrandpaPrevote', { targetHash: hash, targetNumber: 10 });
    const payload = u8aConcat(new Uint8Array([0]), vote.toU8a(),
      api.registry.createType('u64', round).toU8a(), api.registry.createType('u64', setId).toU8a());
    return [vote, signer.sign(payload)];
  };
  const equivocation = (signer, second) => ({
    setId,
    equivocation: { Prevote: {
      roundNumber: round,
      identity: signer.publicKey,
      first: prevote(signer, u8aToHex(new Uint8Array(32).fill(1))),
      second: prevote(signer, u8aToHex(new Uint8Array(32).fill(second))),
    } },
  });
  const ownership = async (key) => {
    const opaque = await api.call.grandpaApi.generateKeyOwnershipProof(setId, key.publicKey);
    assert.ok(opaque.isSome, 'the runtime API proves key ownership');
    // polkadot.js hands the opaque proof over as bytes holding the encoded Option<Vec<u8>>;
    // inside is the SCALE-encoded MembershipProof.
    const [, outer] = compactStripLength(opaque.unwrap().toU8a());
    const inner = api.registry.createType('Option<Bytes>', outer).unwrap().toU8a(true);
    return api.registry.createType('SpSessionMembershipProof', inner);
  };

  const before = { hold: await holdOf(alice), treasury: await free(treasuryAccount) };
  console.log(`Alice holds ${before.hold / 10n ** 12n} FLY as her deposit`);
  assert.equal(before.hold, 10_000n * 10n ** 12n);

  // 1. Forged reports.
  await assert.rejects(send(api, api.tx.grandpa.reportEquivocation(equivocation(aliceGrandpa, 1), await ownership(aliceGrandpa)), bob),
    /grandpa.InvalidEquivocationProof/, 'two equal votes are no equivocation');
  await assert.rejects(send(api, api.tx.grandpa.reportEquivocation(equivocation(bobGrandpa, 2), await ownership(aliceGrandpa)), bob),
    /grandpa.InvalidKeyOwnershipProof|grandpa.InvalidEquivocationProof/, 'another key\'s proof');
  assert.equal(await holdOf(alice), before.hold, 'forged reports move nothing');
  console.log('1. forged reports refused, nothing moved');

  // 2. A real equivocation of Alice's GRANDPA key.
  const bobBefore = await free(bob.address);
  const { events } = await send(api, api.tx.grandpa.reportEquivocation(equivocation(aliceGrandpa, 2), await ownership(aliceGrandpa)), bob);
  const punished = events.find((e) => e.section === 'validatorSet' && e.method === 'OffenderPunished');
  assert.ok(punished, 'OffenderPunished');
  assert.ok(events.some((e) => e.section === 'offences' && e.method === 'Offence'));
  const { who, slashed, removed } = punished.data;
  assert.equal(who.toString(), alice);
  assert.equal(slashed.toBigInt(), before.hold, 'one of one: all of the deposit');
  assert.equal(removed.isTrue, false, 'kept: the dev chain keeps one validator');
  assert.equal(await holdOf(alice), 0n);
  assert.equal((await free(treasuryAccount)) - before.treasury >= before.hold, true, 'the treasury got the slash');
  assert.equal(await free(bob.address), bobBefore, 'a valid report pays no fee');
  console.log(`2. Alice's equivocation reported by Bob: ${slashed.toBigInt() / 10n ** 12n} FLY slashed to the treasury, removed: ${removed.isTrue}`);

  // 3. The same report again.
  await assert.rejects(send(api, api.tx.grandpa.reportEquivocation(equivocation(aliceGrandpa, 2), await ownership(aliceGrandpa)), bob),
    /DuplicateOffenceReport|Stale|Invalid/, 'a known offence');
  console.log('3. the same report again refused');
} finally {
  await node.stop();
}
