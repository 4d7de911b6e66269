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
const USD = 10n ** 18n;
const BATCH = 100;

/// Submits every transaction at once (one per signer, nonces from the chain); resolves with the
/// block number that included each.
async function submitAll(api, txs) {
  const included = await Promise.all(
    txs.map(
      ({ tx, signer }) =>
        new Promise((resolve, reject) => {
          let unsub;
          tx.signAndSend(signer, { nonce: -1 }, (result) => {
            if (result.status.isInBlock) {
              if (unsub) unsub();
              if (result.dispatchError) reject(new Error(result.dispatchError.toString()));
              else resolve(result.status.asInBlock.toHex());
            } else if (result.isError) {
              if (unsub) unsub();
              reject(new Error(`dropped: ${result.status.toString()}`));
            }
          }).then((u) => { unsub = u; }).catch(reject);
        }),
    ),
  );
  const numbers = [];
  for (const hash of new Set(included)) {
    numbers.push((await api.rpc.chain.getHeader(hash)).number.toNumber());
  }
  return numbers;
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

  console.log(`setup: price, a subDAO, ${N} funded accounts holding Data Credits`);
  await send(api, api.tx.oracle.feedValues([['FlyUsd', USD]]), dev.alice);
  const subdao = {
    name: 'bench',
    emissionSchedule: [{ fromEpoch: 0, perEpoch: 0 }],
    onboardingFee: 0,
    burnAuthority: dev.alice.address,
    rewardsAuthority: dev.alice.address,
    curveK: 0,
  };
  await send(api, api.tx.sudo.sudo(api.tx.subDaos.createSubdao(subdao)), dev.alice);
  for (let i = 0; i < N; i += BATCH) {
    const transfers = accounts
      .slice(i, i + BATCH)
      .map((a) => api.tx.balances.transferKeepAlive(a.address, 100n * FLY));
    await send(api, api.tx.utility.batchAll(transfers), dev.alice);
  }
  await submitAll(
    api,
    accounts.map((a) => ({
      tx: api.tx.dataCredits.mintDataCredits(a.address, { Credits: 100_000 }, 10n * FLY),
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
