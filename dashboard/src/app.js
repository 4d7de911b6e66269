// SPDX-License-Identifier: Apache-2.0
// The dashboard: connects to a Flywheel node with polkadot.js and, at every new block, reads the
// tokenomics runtime APIs and storage at that block and redraws the page.
import { ApiPromise, WsProvider } from '@polkadot/api';
import 'uplot/dist/uPlot.min.css';
import * as fmt from './format.js';
import { Charts } from './charts.js';

const HISTORY_EPOCHS = 30; // what `epochHealth` keeps
const BLOCK_SAMPLES = 300;
const BACKFILL_BLOCKS = 20;
const TOKENOMICS = new Set(['dataCredits', 'subDaos', 'inflation', 'bonding', 'subnets']);

const endpoint = new URLSearchParams(location.search).get('rpc') || 'ws://127.0.0.1:9944';
const $ = (id) => document.getElementById(id);

const state = {
  history: new Map(), // epoch -> { issuance, minted, burned, ratio } of closed epochs
  samples: [], // { block, bonded, target, rate } per block seen
  events: [], // { block, text }
  lastEventsBlock: -1,
};
// Read by the browser test: the block shown and the charts.
window.flywheelDashboard = { block: null, hash: null, charts: null, history: state.history };

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
  $('status').dataset.state = 'down';
  $('status').textContent = `Not connected (${endpoint})`;
}

function clearError() {
  $('error').hidden = true;
}

function setCard(id, text, raw) {
  const el = $(id);
  el.textContent = text;
  el.dataset.raw = raw;
}

async function main() {
  if (!/^wss?:\/\/./.test(endpoint)) {
    showError(`"${endpoint}" is not a ws:// or wss:// address. Open the page with ?rpc=ws://host:port (a Flywheel node's RPC).`);
    return;
  }
  let provider;
  try {
    provider = new WsProvider(endpoint, 2500);
  } catch (e) {
    showError(`Cannot use ${endpoint}: ${e.message}`);
    return;
  }
  let connected = false;
  const unreachable = () => showError(
    `Cannot reach a chain at ${endpoint}. Is the dev chain running? Start one with scripts/dev.sh, ` +
    'or choose another node with ?rpc=ws://host:port. Retrying every few seconds…');
  provider.on('error', () => { if (!connected) unreachable(); });
  provider.on('disconnected', () => {
    if (connected) showError(`Lost the connection to ${endpoint}; reconnecting… (the numbers below are from the last block seen)`);
  });
  provider.on('connected', () => { connected = true; clearError(); });
  const slow = setTimeout(() => { if (!connected) unreachable(); }, 5000);

  const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: false });
  clearTimeout(slow);
  if (!api.call.tokenomicsApi || !api.call.subDaosApi) {
    showError(`The chain at ${endpoint} has no TokenomicsApi: it is not a Flywheel node.`);
    return;
  }
  const chain = (await api.rpc.system.chain()).toString();
  const charts = new Charts();
  window.flywheelDashboard.charts = charts.plots;
  $('main').hidden = false;
  clearError();
  await backfill(api);

  let latest = null;
  let busy = false;
  const drain = async () => {
    busy = true;
    while (latest) {
      const header = latest;
      latest = null;
      try {
        const view = await read(api, header);
        render(view, chain, charts);
      } catch (e) {
        showError(`Reading block #${header.number}: ${e.message}`);
      }
    }
    busy = false;
  };
  await api.rpc.chain.subscribeNewHeads((header) => {
    latest = header;
    if (!busy) drain();
  });
}

/** Per-block samples of the bonded ratio and the rate for the blocks before the page opened. */
async function backfill(api) {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let n = Math.max(1, head - BACKFILL_BLOCKS); n < head; n++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    const [health, params] = await Promise.all([at.call.tokenomicsApi.health(), at.query.inflation.params()]);
    state.samples.push(sample(n, health, params));
  }
}

function sample(block, health, params) {
  return {
    block,
    bonded: health.bondedRatio.toNumber(),
    target: params.target.toNumber(),
    rate: health.ratePerRound.toNumber(),
  };
}

/** Everything the page shows, read at block `header`. */
async function read(api, header) {
  const hash = header.hash.toHex();
  const block = header.number.toNumber();
  const at = await api.at(hash);
  const [health, scores, params, round, events, registry, networks, neurons, version] = await Promise.all([
    at.call.tokenomicsApi.health(),
    at.call.subDaosApi.scores(),
    at.query.inflation.params(),
    at.call.inflationApi.currentRound(),
    at.query.system.events(),
    at.query.subDaos.registry.entries(),
    at.query.subnets.networks.entries(),
    at.query.subnets.neurons.entries(),
    at.query.system.lastRuntimeUpgrade(),
  ]);
  const current = health.currentEpoch.epoch.toNumber();
  for (const epoch of [...state.history.keys()]) {
    if (epoch < current - HISTORY_EPOCHS) state.history.delete(epoch);
  }
  for (let e = Math.max(0, current - HISTORY_EPOCHS); e < current; e++) {
    if (state.history.has(e)) continue;
    const closed = await at.call.tokenomicsApi.epochHealth(e);
    if (closed.isSome) {
      const h = closed.unwrap();
      state.history.set(e, {
        issuance: h.issuance.toBigInt(),
        minted: h.flyMinted.toBigInt(),
        burned: h.flyBurned.toBigInt(),
        ratio: h.burnToIssuance.isSome ? h.burnToIssuance.unwrap().toBigInt() : null,
      });
    }
  }
  if (!state.samples.length || state.samples[state.samples.length - 1].block < block) {
    state.samples.push(sample(block, health, params));
    if (state.samples.length > BLOCK_SAMPLES) state.samples.shift();
  }
  if (block > state.lastEventsBlock) {
    state.lastEventsBlock = block;
    for (const { event } of events) {
      if (!TOKENOMICS.has(event.section)) continue;
      state.events.unshift({ block, text: `${event.section}.${event.method} ${JSON.stringify(event.data.toHuman())}` });
    }
    state.events.length = Math.min(state.events.length, 50);
  }
  const names = new Map(registry.map(([key, info]) => [key.args[0].toNumber(), info.unwrap().config.name.toUtf8()]));
  const neuronCounts = new Map(neurons.map(([key, list]) => [
    key.args[0].toNumber(),
    { neurons: list.length, validators: list.filter((n) => n.validatorPermit.isTrue).length },
  ]));
  return {
    block,
    hash,
    spec: version.isSome ? version.unwrap().specVersion.toNumber() : null,
    health,
    target: params.target,
    roundLength: round.length.toNumber(),
    scores: new Map(scores.map((s) => [s.subdao.toNumber(), s.record])),
    names,
    subnets: networks
      .map(([key, info]) => ({ netuid: key.args[0].toNumber(), info: info.unwrap(), ...neuronCounts.get(key.args[0].toNumber()) }))
      .sort((a, b) => a.netuid - b.netuid),
  };
}

function cell(text, raw) {
  const td = document.createElement('td');
  td.textContent = text;
  if (raw !== undefined) td.dataset.raw = raw;
  return td;
}

function render(view, chain, charts) {
  const { health } = view;
  const e = health.currentEpoch;
  $('status').dataset.state = 'live';
  $('status').textContent = `${chain} at ${endpoint} · block #${view.block} ${view.hash.slice(0, 10)}…` +
    (view.spec ? ` · runtime ${view.spec}` : '');
  $('epoch').textContent = `#${e.epoch.toNumber()}`;
  setCard('issuance', fmt.fly(e.issuance.toBigInt()), e.issuance.toString());
  setCard('fly-minted', fmt.fly(e.flyMinted.toBigInt()), e.flyMinted.toString());
  setCard('fly-burned', fmt.fly(e.flyBurned.toBigInt()), e.flyBurned.toString());
  const ratio = e.burnToIssuance.isSome ? e.burnToIssuance.unwrap().toString() : '';
  setCard('burn-to-issuance', fmt.fixed(ratio || null), ratio);
  setCard('dc', `${fmt.count(e.dcMinted.toBigInt())} / ${fmt.count(e.dcBurned.toBigInt())}`, `${e.dcMinted}/${e.dcBurned}`);
  setCard('bonded-ratio', `${fmt.perbill(health.bondedRatio.toNumber())} (${fmt.perbill(view.target.toNumber())})`, health.bondedRatio.toString());
  setCard('rate', `${fmt.perbill(health.ratePerRound.toNumber())} (rounds of ${view.roundLength} blocks)`, health.ratePerRound.toString());

  const subdaos = $('subdaos').tBodies[0];
  subdaos.replaceChildren(...health.treasuries.map((t) => {
    const id = t.subdao.toNumber();
    const record = view.scores.get(id);
    const tr = document.createElement('tr');
    tr.dataset.subdao = id;
    const perDnt = t.flyPerDnt.isSome ? t.flyPerDnt.unwrap().toString() : '';
    tr.append(
      cell(String(id)),
      cell(view.names.get(id) ?? '?'),
      cell(record ? fmt.fixed(record.score.toString()) : 'n/a'),
      cell(record ? fmt.fixed(record.smoothedShare.toString()) : 'n/a'),
      cell(fmt.fly(t.treasuryFly.toBigInt()), t.treasuryFly.toString()),
      cell(fmt.fly(t.dntSupply.toBigInt()).replace(' FLY', ' DNT'), t.dntSupply.toString()),
      cell(fmt.fixed(perDnt || null), perDnt),
    );
    return tr;
  }));

  const subnets = $('subnets').tBodies[0];
  subnets.replaceChildren(...view.subnets.map((s) => {
    const tr = document.createElement('tr');
    tr.dataset.netuid = s.netuid;
    tr.append(
      cell(String(s.netuid)),
      cell(fmt.perbill(s.info.emissionShare.toNumber()), s.info.emissionShare.toString()),
      cell(fmt.fly(s.info.totalStake.toBigInt()), s.info.totalStake.toString()),
      cell(String(s.neurons ?? 0)),
      cell(String(s.validators ?? 0)),
    );
    return tr;
  }));

  $('events').replaceChildren(...state.events.map((ev) => {
    const li = document.createElement('li');
    li.textContent = `#${ev.block} ${ev.text}`;
    return li;
  }));

  charts.update(state.history, state.samples);
  Object.assign(window.flywheelDashboard, { block: view.block, hash: view.hash });
}

main().catch((e) => showError(`The dashboard stopped: ${e.message}`));
