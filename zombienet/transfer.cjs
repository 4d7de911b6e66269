// zombienet js-script: Alice transfers FLY to a fresh account through alice's node; the script
// returns 1 once dave's node shows the new balance (0 otherwise).
const AMOUNT = 42n * 10n ** 12n;

async function run(nodeName, networkInfo) {
  const alice = networkInfo.nodesByName[nodeName];
  const dave = networkInfo.nodesByName.dave;
  const apiAlice = await zombie.connect(alice.wsUri, alice.userDefinedTypes);
  const apiDave = await zombie.connect(dave.wsUri, dave.userDefinedTypes);
  await zombie.util.cryptoWaitReady();

  const keyring = new zombie.Keyring({ type: 'sr25519' });
  const sender = keyring.addFromUri('//Alice');
  const receiver = keyring.addFromUri(`//smoke-${Date.now()}`).address;

  await new Promise((resolve, reject) => {
    apiAlice.tx.balances.transferKeepAlive(receiver, AMOUNT)
      .signAndSend(sender, ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        else if (status.isInBlock) resolve();
      })
      .catch(reject);
  });

  for (let i = 0; i < 60; i++) {
    const { data } = await apiDave.query.system.account(receiver);
    if (data.free.toBigInt() === AMOUNT) return 1;
    await new Promise((r) => setTimeout(r, 2000));
  }
  return 0;
}

module.exports = { run };
