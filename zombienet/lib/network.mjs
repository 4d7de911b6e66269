// SPDX-License-Identifier: Apache-2.0
// Launches a zombienet network (native provider) from a TOML file for a node:test file, and
// connects polkadot.js to its nodes. Environment references ({{FLYWHEEL_NODE}}) in the TOML are
// filled from the environment, as the zombienet CLI does.
import { start } from '@zombienet/orchestrator';
import { readNetworkConfig } from '@zombienet/utils';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { SIGNED_EXTENSIONS, nodeBinary } from './chain.mjs';

/// Starts the network of `tomlPath` (relative to zombienet/); returns { network, api(name),
/// connect(name), stop() }. `api(name)` connects once per node and reuses the connection;
/// `connect(name)` makes a new one (closed by `stop()` too).
export async function launch(tomlPath) {
  process.env.FLYWHEEL_NODE ||= nodeBinary();
  const config = readNetworkConfig(tomlPath);
  const network = await start('', config, { silent: true, logType: 'silent' });
  const apis = new Map();
  const extra = [];
  const connect = async (name) => {
    const provider = new WsProvider(network.getNodeByName(name).wsUri);
    const api = await ApiPromise.create({ provider, noInitWarn: true, signedExtensions: SIGNED_EXTENSIONS });
    extra.push(api);
    return api;
  };
  const api = async (name) => {
    if (!apis.has(name)) apis.set(name, await connect(name));
    return apis.get(name);
  };
  return {
    network,
    api,
    connect,
    stop: async () => {
      for (const a of extra) await a.disconnect();
      // A test may have killed a node itself; stopping the rest must still work.
      await network.stop().catch((e) => console.error(`zombienet stop: ${e.message}`));
    },
  };
}
