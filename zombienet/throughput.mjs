// SPDX-License-Identifier: Apache-2.0
// Throughput benchmark (a script, not a test): against a fresh `flywheel-node --dev`, N accounts
// each submit one Data Credits burn, then each submits one balance transfer; for both kinds the
// script measures included transactions per second and prints both and their ratio.
//
//   node throughput.mjs [N]          (default N = 400; scripts/throughput.sh runs it with 3000)
//
// Rate = N / (timestamp of the block that included the last one − timestamp of the block before
// the first one), i.e. over whole blocks, as the chain includes them. Both kinds are measured in
// the same run on the same node, one after the other.
import { Keyring } from '@polkadot/api';
import { FLY, startDevNode, devKeyring, send } from './lib/chain.mjs';

const N = Number(process.argv[2] || 400);
const RPC_PORT = 19974;
const BATCH = 500;

/// Signs every transaction first (nonces from the chain), then submits them all without
/// watching (a connection allows only so many subscriptions) and follows new blocks until every
/// one is included; resolves with the block numbers that included them.
async function submitAll(api, txs) {
  const nonces = await api.query.system.account.multi(txs.map(({ signer }) => signer.address));
  const signed = [];
  for (let i = 0; i < txs.length; i++) {
    const { tx, signer } = txs[i];
    signed.push(await tx.signAsync(signer, { nonce: nonces[i].nonce }));
  }
  const pending = new Set(signed.map((x) => x.hash.toHex()));
  const blocks = new Set();
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${pending.size} never included`)), 600_000);
    let unsub;
    api.rpc.chain.subscribeNewHeads(async (header) => {
      const block = await api.rpc.chain.getBlock(header.hash);
      for (const ext of block.block.extrinsics) {
        if (pending.delete(ext.hash.toHex())) blocks.add(header.number.toNumber());
      }
      if (pending.size === 0) { clearTimeout(timer); if (unsub) unsub(); resolve(); }
    }).then((u) => { unsub = u; });
  });
  for (let i = 0; i < signed.length; i += 500) {
    await Promise.all(signed.slice(i, i + 500).map((x) => api.rpc.author.submitExtrinsic(x)));
  }
  await done;
  return [...blocks];
}

async function timestampAt(api, number) {
  const hash = await api.rpc.chain.getBlockHash(number);
  return (await (await api.at(hash)).query.timestamp.now()).toNumber();
}

/// Included transactions per second over the blocks that included them.
async function rate(api, count, blockNumbers) {
  const first = Math.min(...blockNumbers);
  const last = Math.max(...blockNumbers);
  const seconds = ((await timestampAt(api, last)) - (await timestampAt(api, first - 1))) / 1000;
  return { perSecond: count / seconds, blocks: last - first + 1, seconds };
}

const node = await startDevNode(RPC_PORT);
try {
  const { api } = node;
  const dev = devKeyring();
  const keyring = new Keyring({ type: 'sr25519' });
  const accounts = Array.from({ length: N }, (_, i) => keyring.addFromUri(`//Bench//${i}`));

  console.log(`setup: the dev chain's price feed and subDAO 0 (mobile), ${N} funded accounts holding Data Credits`);
  for (let i = 0; (await api.call.dataCreditsApi.quoteFlyToDc(FLY)).isNone; i++) {
    if (i > 60) throw new Error('no FLY/USD price was fed within a minute');
    await new Promise((r) => setTimeout(r, 1000));
  }
  for (let i = 0; i < N; i += BATCH) {
    const transfers = accounts
      .slice(i, i + BATCH)
      .map((a) => api.tx.balances.transferKeepAlive(a.address, 100n * FLY));
    await send(api, api.tx.utility.batchAll(transfers), dev.alice);
  }
  await submitAll(
    api,
    accounts.map((a) => ({
      tx: api.tx.dataCredits.mintDataCredits(a.address, { Credits: { credits: 100_000, maxFly: 10n * FLY } }),
      signer: a,
    })),
  );

  console.log(`measuring ${N} Data Credits burns`);
  const burns = await rate(
    api,
    N,
    await submitAll(
      api,
      accounts.map((a) => ({
        tx: api.tx.dataCredits.burnDataCredits(1_000, { Usage: { subdao: 0 } }),
        signer: a,
      })),
    ),
  );
  console.log(`measuring ${N} balance transfers`);
  const transfers = await rate(
    api,
    N,
    await submitAll(
      api,
      accounts.map((a) => ({ tx: api.tx.balances.transferKeepAlive(dev.bob.address, FLY), signer: a })),
    ),
  );

  const show = (name, r) =>
    console.log(`${name}: ${r.perSecond.toFixed(1)} tx/s (${N} in ${r.blocks} blocks, ${r.seconds} s)`);
  show('DC burns         ', burns);
  show('balance transfers', transfers);
  console.log(`ratio burns / transfers: ${(burns.perSecond / transfers.perSecond).toFixed(2)} (target ≥ 0.9)`);
} finally {
  await node.stop();
}
