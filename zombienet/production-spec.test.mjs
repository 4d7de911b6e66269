// SPDX-License-Identifier: Apache-2.0
// The committed production spec is the release: a node started on chain-spec/production.json
// (no keys, so it only serves its genesis) reports the recorded genesis hash, runs the release
// wasm recorded in runtime/VERSIONS for this spec_version (the same one the dev chain and the
// tests run), has the production profile (hourly sessions, daily rounds and epochs, tracks of
// days, four validators at least), no sudo key, no TryRuntime API, and a wasm that does not walk
// its state for an RPC caller (`checkInvariants` answers `None`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { blake2AsHex } from '@polkadot/util-crypto';
import { releaseRecord, startNode } from './lib/chain.mjs';

const RPC_PORT = 19964;
const DAY = 14_400; // blocks of 6 s
const repo = new URL('..', import.meta.url).pathname;
let node;
let api;

before(async () => {
  node = await startNode(['--chain', `${repo}/chain-spec/production.json`, '--tmp'], RPC_PORT);
  api = node.api;
});

after(async () => {
  if (node) await node.stop();
});

test('the genesis hash is the recorded one', async () => {
  const recorded = readFileSync(`${repo}/chain-spec/production.genesis-hash`, 'utf8').trim();
  assert.equal((await api.rpc.chain.getBlockHash(0)).toHex(), recorded);
});

test('the chain runs the release wasm recorded for its spec_version, without TryRuntime', async () => {
  const { spec, wasm: wasmHash } = releaseRecord();
  const code = await api.rpc.state.getStorage(':code');
  assert.equal(blake2AsHex(code.unwrap(), 256), wasmHash, 'the genesis :code is the recorded release wasm');
  const version = await api.rpc.state.getRuntimeVersion();
  assert.equal(version.specName.toString(), 'flywheel');
  assert.equal(version.specVersion.toNumber(), Number(spec));
  const tryRuntime = blake2AsHex('TryRuntime', 64);
  assert.ok(!version.apis.some(([id]) => id.toHex() === tryRuntime), 'no TryRuntime API');
  assert.ok(version.apis.length > 5, 'the other runtime APIs are there');
  assert.ok((await api.call.tokenomicsApi.checkInvariants()).isNone, 'no full scan for an RPC caller');
});

test('the production profile is in force: periods of hours and days, four validators', async () => {
  const p = (await api.query.chainProfile.profile()).toJSON();
  assert.equal(p.sessionLength, DAY / 24);
  assert.equal(p.roundLength, DAY);
  assert.equal(p.epochLength, DAY);
  assert.ok(p.minValidators >= 4);
  assert.equal(p.rootTrack.decision, 14 * DAY);
  assert.ok(p.tokenomicsAdminTrack.prepare + p.tokenomicsAdminTrack.confirm + p.tokenomicsAdminTrack.enactment >= 2 * DAY);
  assert.equal((await api.query.inflation.round()).toJSON().length, DAY);
  assert.equal((await api.query.validatorSet.validators()).length, 4);
  assert.ok((await api.query.sudo.key()).isNone, 'no sudo key');
});
