// SPDX-License-Identifier: Apache-2.0
// Chain specs for the multi-validator tests, made by the node under test itself.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { Keyring } from '@polkadot/api';
import { nodeBinary } from './chain.mjs';

const made = [];
const run = (args) => promisify(execFile)(nodeBinary(), args, { maxBuffer: 256 << 20 });

/// The development genesis of the node under test (the dev economy, the dev feeder) with
/// `names` (dev accounts, e.g. ['Alice', 'Bob']) as its validators, made raw by the node.
/// Returns the raw spec's path.
export async function devSpecWithValidators(names, tag) {
  const spec = JSON.parse((await run(['build-spec', '--chain', 'dev', '--disable-default-bootnode'])).stdout);
  const sr = new Keyring({ type: 'sr25519' });
  const ed = new Keyring({ type: 'ed25519' });
  const patch = spec.genesis.runtimeGenesis.patch;
  patch.validatorSet = { validators: names.map((n) => sr.addFromUri(`//${n}`).address) };
  patch.session = {
    keys: names.map((n) => {
      const account = sr.addFromUri(`//${n}`).address;
      return [account, account, { aura: account, grandpa: ed.addFromUri(`//${n}`).address }];
    }),
  };
  const plain = `${tmpdir()}/flywheel-${tag}-plain-${process.pid}.json`;
  writeFileSync(plain, JSON.stringify(spec));
  const raw = `${tmpdir()}/flywheel-${tag}-raw-${process.pid}.json`;
  writeFileSync(raw, (await run(['build-spec', '--chain', plain, '--raw', '--disable-default-bootnode'])).stdout);
  made.push(plain, raw);
  return raw;
}

/// Another preset's raw spec (a different genesis), for a node started on the wrong chain.
export async function rawPresetSpec(preset, tag) {
  const raw = `${tmpdir()}/flywheel-${tag}-${preset}-${process.pid}.json`;
  writeFileSync(raw, (await run(['build-spec', '--chain', preset, '--raw', '--disable-default-bootnode'])).stdout);
  made.push(raw);
  return raw;
}

/// Removes the given paths and every spec made here.
export function removeFiles(...paths) {
  for (const path of [...paths, ...made]) if (path) rmSync(path, { recursive: true, force: true });
}
