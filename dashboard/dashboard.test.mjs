// SPDX-License-Identifier: Apache-2.0
// The dashboard in a real browser (Debian's chromium, headless, driven by puppeteer-core)
// against a dev node: the numbers it shows are the runtime API's at the block it shows, its
// charts have points, and a chain that is down gives a clear message. Saves a screenshot to
// $CARGO_TARGET_DIR/dashboard.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { startDevNode } from '../zombienet/lib/chain.mjs';
import { startServer } from './serve.mjs';
import * as fmt from './src/format.js';

const RPC_PORT = 19984;
const targetDir = process.env.CARGO_TARGET_DIR || `${process.env.HOME}/.cache/flywheel-target`;
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
let node, server, browser;

before(async () => {
  execFileSync(process.execPath, ['build.mjs'], { cwd: new URL('.', import.meta.url) });
  [node, server] = await Promise.all([startDevNode(RPC_PORT), startServer(0)]);
  browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await node?.stop();
});

async function open(query) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/${query}`, { waitUntil: 'load' });
  return { page, errors };
}

/** Everything the page shows, read in one go (the page redraws synchronously per block). */
function snapshot(page) {
  return page.evaluate(() => {
    const d = window.flywheelDashboard;
    const card = (id) => ({ text: document.getElementById(id).textContent, raw: document.getElementById(id).dataset.raw });
    const rows = (id) => [...document.getElementById(id).tBodies[0].rows].map((r) => [...r.cells].map((c) => ({ text: c.textContent, raw: c.dataset.raw })));
    return {
      block: d.block,
      hash: d.hash,
      epoch: document.getElementById('epoch').textContent,
      cards: Object.fromEntries(['issuance', 'fly-minted', 'fly-burned', 'burn-to-issuance', 'dc', 'bonded-ratio', 'rate'].map((id) => [id, card(id)])),
      subdaos: rows('subdaos'),
      subnets: rows('subnets'),
      history: [...d.history.entries()].map(([e, h]) => [e, h.issuance.toString(), h.minted.toString(), h.burned.toString()]),
      points: Object.fromEntries(Object.entries(d.charts ?? {}).map(([name, u]) => [name, u.data[0].length])),
      xScales: Object.fromEntries(Object.entries(d.charts ?? {}).map(([name, u]) => [name, [u.scales.x.min, u.scales.x.max]])),
      events: document.getElementById('events').children.length,
      eventTexts: [...document.getElementById('events').children].map((li) => li.textContent),
      error: document.getElementById('error').hidden ? null : document.getElementById('error').textContent,
    };
  });
}

test('the page shows the runtime API\'s numbers at the block it shows, with charts and events', { timeout: 360_000 }, async () => {
  const { page, errors } = await open(`?rpc=ws://127.0.0.1:${RPC_PORT}`);
  // The dev chain closes its first epoch at block 20 (the development profile: two minutes).
  await page.waitForFunction(
    () => window.flywheelDashboard?.history?.size >= 1 && window.flywheelDashboard.charts?.bonded.data[0].length >= 3,
    { timeout: 300_000, polling: 1000 },
  );
  const shown = await snapshot(page);
  assert.equal(shown.error, null);
  assert.deepEqual(errors, []);

  const at = await node.api.at(shown.hash);
  const header = await node.api.rpc.chain.getHeader(shown.hash);
  assert.equal(header.number.toNumber(), shown.block, 'the hash shown is the block shown');
  const health = await at.call.tokenomicsApi.health();
  const e = health.currentEpoch;
  assert.equal(shown.epoch, `#${e.epoch.toNumber()}`);
  const money = (id, value) => {
    assert.equal(shown.cards[id].raw, value.toString(), id);
    assert.equal(shown.cards[id].text, fmt.fly(value.toBigInt()), id);
  };
  money('issuance', e.issuance);
  money('fly-minted', e.flyMinted);
  money('fly-burned', e.flyBurned);
  assert.equal(shown.cards['burn-to-issuance'].raw, e.burnToIssuance.isSome ? e.burnToIssuance.unwrap().toString() : '');
  assert.equal(shown.cards.dc.raw, `${e.dcMinted}/${e.dcBurned}`);
  const targetRatio = (await at.query.inflation.params()).target;
  assert.equal(shown.cards['bonded-ratio'].raw, health.bondedRatio.toString());
  assert.equal(shown.cards['bonded-ratio'].text, `${fmt.perbill(health.bondedRatio.toNumber())} (${fmt.perbill(targetRatio.toNumber())})`);
  assert.equal(shown.cards.rate.raw, health.ratePerRound.toString());
  assert.ok(shown.cards.rate.text.startsWith(fmt.perbill(health.ratePerRound.toNumber())));

  // SubDAOs: the dev chain's mobile (0) and iot (1), their treasuries as the API reports them.
  assert.equal(shown.subdaos.length, health.treasuries.length);
  assert.ok(shown.subdaos.length >= 2);
  const scores = new Map((await at.call.subDaosApi.scores()).map((s) => [s.subdao.toNumber(), s.record]));
  for (const [i, t] of health.treasuries.entries()) {
    const row = shown.subdaos[i];
    assert.equal(row[0].text, t.subdao.toString());
    assert.equal(row[4].raw, t.treasuryFly.toString());
    assert.equal(row[5].raw, t.dntSupply.toString());
    assert.equal(row[6].raw, t.flyPerDnt.isSome ? t.flyPerDnt.unwrap().toString() : '');
    const record = scores.get(t.subdao.toNumber());
    assert.equal(row[3].text, record ? fmt.fixed(record.smoothedShare.toString()) : 'n/a');
  }
  assert.deepEqual(shown.subdaos.map((r) => r[1].text), ['mobile', 'iot']);

  // Subnets: the dev chain's subnet 0.
  const networks = await at.query.subnets.networks.entries();
  assert.equal(shown.subnets.length, networks.length);
  const subnet0 = (await at.call.subnetsApi.subnetInfo(0)).unwrap();
  assert.equal(shown.subnets[0][1].raw, subnet0.emissionShare.toString());
  assert.equal(shown.subnets[0][2].raw, subnet0.totalStake.toString());
  assert.equal(shown.subnets[0][3].text, String((await at.query.subnets.neurons(0)).length));

  // Closed epochs: each as `epochHealth` reports it.
  assert.ok(shown.history.length >= 1);
  for (const [epoch, issuance, minted, burned] of shown.history) {
    const closed = (await at.call.tokenomicsApi.epochHealth(epoch)).unwrap();
    assert.deepEqual([issuance, minted, burned], [closed.issuance.toString(), closed.flyMinted.toString(), closed.flyBurned.toString()], `epoch ${epoch}`);
  }
  // Every chart has points: closed epochs, and blocks for the ratio and rate.
  for (const name of ['issuance', 'mintBurn', 'burnToMint']) assert.equal(shown.points[name], shown.history.length, name);
  // Their x axes span the closed epochs shown, one epoch of margin each side (even for one).
  const epochs = shown.history.map(([epoch]) => Number(epoch));
  for (const name of ['issuance', 'mintBurn', 'burnToMint']) {
    assert.deepEqual(shown.xScales[name], [Math.min(...epochs) - 1, Math.max(...epochs) + 1], name);
  }
  assert.ok(shown.points.bonded >= 3 && shown.points.rate >= 3, JSON.stringify(shown.points));
  // Inflation rounds (every 10 blocks) and price feeds emit tokenomics events.
  assert.ok(shown.events >= 1);
  assert.ok(shown.eventTexts.some((t) => t.includes('inflation.')), 'an inflation round event is listed');

  // The page goes on with the chain.
  await page.waitForFunction((b) => window.flywheelDashboard.block > b, { timeout: 60_000 }, shown.block);
  await page.screenshot({ path: `${targetDir}/dashboard.png`, fullPage: true });
  await page.close();
});

test('a chain that is down or a wrong endpoint gives a clear message, not a blank page', { timeout: 60_000 }, async () => {
  const down = await open('?rpc=ws://127.0.0.1:1');
  await down.page.waitForFunction(() => !document.getElementById('error').hidden, { timeout: 30_000 });
  const shown = await snapshot(down.page);
  assert.match(shown.error, /Cannot reach a chain at ws:\/\/127\.0\.0\.1:1\. Is the dev chain running\?/);
  assert.equal(await down.page.$eval('#main', (m) => m.hidden), true);
  assert.match(await down.page.$eval('#status', (s) => s.textContent), /Not connected/);
  await down.page.close();

  const wrong = await open('?rpc=http://127.0.0.1:9944');
  await wrong.page.waitForFunction(() => !document.getElementById('error').hidden, { timeout: 30_000 });
  assert.match((await snapshot(wrong.page)).error, /is not a ws:\/\/ or wss:\/\/ address/);
  await wrong.page.close();
});
