// SPDX-License-Identifier: Apache-2.0
// The metadata hash (RFC-0078, `CheckMetadataHash`), end to end against a `--dev` node: the
// runtime is built with its metadata hash, so a signer that cannot read the chain's metadata
// itself (a hardware wallet) can sign in mode 1 over the hash that @polkadot-api/merkleize-metadata
// computes from the metadata, the token symbol (FLY) and decimals (12). A transfer signed that
// way is included; one signed over a wrong hash is refused by the pool (the signature does not
// cover what the runtime adds: its own hash); and mode 1 needs no trust in the node's word.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { u8aToHex } from '@polkadot/util';
import { FLY, startDevNode, devKeyring, send } from './lib/chain.mjs';

const RPC_PORT = 19974;
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

/// The metadata hash a signer computes: the merkle root of the chain's V15 metadata with the
/// chain's token symbol and decimals.
async function metadataHash() {
  const opaque = (await api.call.metadata.metadataAtVersion(15)).unwrap();
  const bytes = opaque.toU8a(true); // the SCALE bytes of the metadata, without the Vec's length
  const props = await api.rpc.system.properties();
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'FLY');
  assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
  return u8aToHex(merkleizeMetadata(bytes, { tokenSymbol: 'FLY', decimals: 12 }).digest());
}

test('a transfer signed in mode 1 over the metadata hash is included', async () => {
  const hash = await metadataHash();
  const dest = new Keyring({ type: 'sr25519' }).addFromUri('//metadata-hash-dest').address;
  const tx = api.tx.balances.transferKeepAlive(dest, 7n * FLY);
  const { events } = await send(api, tx, keys.bob, { mode: 1, metadataHash: hash });
  assert.ok(events.some((e) => api.events.balances.Transfer.is(e) && e.data.to.toString() === dest));
  assert.equal((await api.query.system.account(dest)).data.free.toBigInt(), 7n * FLY);
});

test('a transfer signed over a wrong metadata hash is refused and changes nothing', async () => {
  const hash = await metadataHash();
  const wrong = `0x${(hash.slice(2, 4) === 'ff' ? '00' : 'ff')}${hash.slice(4)}`;
  const dest = new Keyring({ type: 'sr25519' }).addFromUri('//metadata-hash-wrong').address;
  const nonce = (await api.rpc.system.accountNextIndex(keys.charlie.address)).toNumber();
  const tx = api.tx.balances.transferKeepAlive(dest, 7n * FLY);
  await assert.rejects(send(api, tx, keys.charlie, { mode: 1, metadataHash: wrong }), /bad signature|BadProof|1010/i);
  assert.equal((await api.query.system.account(dest)).data.free.toBigInt(), 0n);
  assert.equal((await api.rpc.system.accountNextIndex(keys.charlie.address)).toNumber(), nonce);
});
