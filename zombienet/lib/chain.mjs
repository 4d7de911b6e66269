// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the end-to-end tests: start a dev node, connect polkadot.js, send
// transactions and wait for events.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';

export const FLY = 10n ** 12n;

/// Flywheel's own transaction extension, for polkadot.js (`ApiPromise.create({ signedExtensions })`):
/// `RestrictOperational` carries no data, so it adds nothing to a transaction or its payload.
export const SIGNED_EXTENSIONS = { RestrictOperational: { extrinsic: {}, payload: {} } };

/// The repository's root directory.
export const REPO = new URL('../..', import.meta.url).pathname;

/// runtime/VERSIONS' record of the current spec_version (its last line), by column:
/// `{ spec, tx, sources, calls, wasm }` (wasm: the release wasm's blake2-256).
export function releaseRecord() {
  const lines = readFileSync(`${REPO}/runtime/VERSIONS`, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const [spec, tx, sources, calls, wasm] = lines.at(-1).trim().split(/\s+/);
  return { spec, tx, sources, calls, wasm };
}

/// The node binary: $FLYWHEEL_NODE, else the release build in the shared cargo target dir.
export function nodeBinary() {
  if (process.env.FLYWHEEL_NODE) return process.env.FLYWHEEL_NODE;
  const target = process.env.CARGO_TARGET_DIR || `${process.env.HOME}/.cache/flywheel-target`;
  return `${target}/release/flywheel-node`;
}

/// Runs `flywheel-node try-runtime` against the node at `uri` (its native try-runtime build of
/// the runtime: upgrade checks, every pallet's `try_state`, and the last `blocks` finalized
/// blocks executed again); resolves with its stdout, rejects with its output when a check fails.
export async function tryRuntime(uri, blocks) {
  const { stdout } = await promisify(execFile)(nodeBinary(), ['try-runtime', '--uri', uri, '--blocks', String(blocks)], { maxBuffer: 64 << 20 });
  return stdout;
}

/// Checks every pallet's invariants on the state of the node at `uri`, off-chain: the wasm does
/// not walk its state for an RPC caller (`tokenomicsApi.checkInvariants` answers `None`), the
/// node's native try-runtime build does. Asserts both.
export async function assertInvariantsHold(api, uri) {
  assert.ok((await api.call.tokenomicsApi.checkInvariants()).isNone, 'the wasm answers None: it carries no full scan');
  const out = await tryRuntime(uri, 0);
  assert.match(out, /upgrade checks passed \(migrations' pre\/post checks, state decodes, try_state\)/, out);
}

/// Starts `flywheel-node --dev` on a private port with a temporary database.
export function startDevNode(rpcPort) {
  return startNode(['--dev', '--tmp'], rpcPort);
}

/// Starts `flywheel-node` with `args` (the chain, the database) on RPC port `rpcPort` and p2p
/// port `rpcPort + 1`; resolves once its RPC answers, with { api, child, log(), stop() }. Fails
/// with the node's output when it exits first.
export async function startNode(args, rpcPort) {
  const child = spawn(
    nodeBinary(),
    [...args, '--rpc-port', String(rpcPort), '--no-prometheus', '--no-telemetry', '--no-mdns', '--port', String(rpcPort + 1)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (d) => { log = (log + d.toString()).slice(-20000); });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 120_000;
  while (!(await portOpen(rpcPort))) {
    if (child.exitCode !== null) throw new Error(`node exited early:\n${log}`);
    if (Date.now() > deadline) throw new Error(`node RPC did not come up:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const provider = new WsProvider(`ws://127.0.0.1:${rpcPort}`);
  const api = await ApiPromise.create({ provider, noInitWarn: true, signedExtensions: SIGNED_EXTENSIONS });
  return {
    api,
    provider,
    child,
    log: () => log,
    stop: async () => { await api.disconnect(); child.kill('SIGINT'); await exited; },
  };
}

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
export function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export function devKeyring() {
  const keyring = new Keyring({ type: 'sr25519' });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  return Object.fromEntries(names.map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
}

/// Signs and sends `tx` (`options`: polkadot.js signer options, e.g. { mode, metadataHash });
/// resolves with its events once in a block, rejects on a dispatch error or a refusal.
export function send(api, tx, signer, options = {}) {
  return new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(signer, options, (result) => {
      if (result.status.isInBlock || result.status.isFinalized) {
        if (unsub) unsub();
        if (result.dispatchError) {
          let msg = result.dispatchError.toString();
          if (result.dispatchError.isModule) {
            const d = api.registry.findMetaError(result.dispatchError.asModule);
            msg = `${d.section}.${d.name}`;
          }
          reject(new Error(msg));
          return;
        }
        // A batch that fails part-way reports it in an event, not a dispatch error.
        const failed = result.events.find(({ event }) => api.events.utility.BatchInterrupted.is(event));
        if (failed) { reject(new Error(`batch interrupted: ${failed.event.data.toString()}`)); return; }
        resolve({ events: result.events.map((e) => e.event), blockHash: result.status.isInBlock ? result.status.asInBlock : result.status.asFinalized });
      } else if (result.isError) {
        if (unsub) unsub();
        reject(new Error(`transaction failed: ${result.status.toString()}`));
      }
    }).then((u) => { unsub = u; }).catch(reject);
  });
}

/// Waits until an event matching `predicate` appears in a new block; returns it.
export function waitForEvent(api, predicate, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    let unsub;
    const timer = setTimeout(() => { if (unsub) unsub(); reject(new Error(`timed out waiting for ${what}`)); }, timeoutMs);
    api.query.system.events((records) => {
      for (const { event } of records) {
        if (predicate(event)) { clearTimeout(timer); if (unsub) unsub(); resolve(event); return; }
      }
    }).then((u) => { unsub = u; });
  });
}

/// Waits until the chain's finalized height reaches `height`.
export async function waitForFinalized(api, height, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await api.rpc.chain.getFinalizedHead();
    const { number } = await api.rpc.chain.getHeader(head);
    if (number.toNumber() >= height) return number.toNumber();
    if (Date.now() > deadline) throw new Error(`finalized height stuck at ${number}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/// Alice moves `call` in the technical committee, she and Bob vote aye (two of three: the
/// emergency origin; a proposal is not its proposer's vote) and Charlie closes it. Returns the
/// blocks of the proposal and of its execution, and the committee's `Executed` result.
export async function committeeMotion(api, call, keys) {
  const length = call.method.toU8a().length;
  const proposed = await send(api, api.tx.technicalCommittee.propose(2, call, length), keys.alice);
  const { proposalIndex, proposalHash } = proposed.events.find((e) => api.events.technicalCommittee.Proposed.is(e)).data;
  await Promise.all([keys.alice, keys.bob].map((k) => send(api, api.tx.technicalCommittee.vote(proposalHash, proposalIndex, true), k)));
  const weight = (await call.paymentInfo(keys.alice)).weight;
  const closed = await send(api, api.tx.technicalCommittee.close(proposalHash, proposalIndex, weight, length), keys.charlie);
  const executed = closed.events.find((e) => api.events.technicalCommittee.Executed.is(e));
  if (!executed) throw new Error('the motion was not executed when closed');
  const number = async (hash) => (await api.rpc.chain.getHeader(hash)).number.toNumber();
  return { from: await number(proposed.blockHash), at: await number(closed.blockHash), result: executed.data.result };
}
