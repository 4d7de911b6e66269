// SPDX-License-Identifier: Apache-2.0
// The dashboard's charts (uPlot): closed epochs by epoch, bonded ratio and rate by block.
import uPlot from 'uplot';

const FLY = 1e12;
const COLORS = ['#0969da', '#cf222e', '#1a7f37', '#8250df'];

/** Axis numbers short enough for the axis: 12.3M, 4.56k, 0.0219. */
function compact(v) {
  if (v === null || v === undefined) return '';
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toPrecision(4)}G`;
  if (a >= 1e6) return `${(v / 1e6).toPrecision(4)}M`;
  if (a >= 1e4) return `${(v / 1e3).toPrecision(4)}k`;
  return Number(v.toPrecision(4)).toString();
}

/**
 * Whole epochs or blocks on x: the points' own extent plus one unit each side, so a single point
 * is not at the edge. Read from the data, since for a single point uPlot passes a padded 0..100.
 */
function xRange(u, min, max) {
  const xs = u.data[0];
  if (xs && xs.length > 0) [min, max] = [xs[0], xs[xs.length - 1]];
  return [Math.floor(min) - 1, Math.ceil(max) + 1];
}

function plot(id, xLabel, series) {
  const el = document.getElementById(id);
  const width = Math.max(320, el.clientWidth || 420);
  return new uPlot({
    width,
    height: 220,
    scales: { x: { time: false, range: xRange } },
    axes: [{ label: xLabel, values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      { size: 70, values: (u, vals) => vals.map(compact) }],
    series: [{ label: xLabel }, ...series.map((label, i) => ({ label, stroke: COLORS[i], width: 2, points: { show: true, size: 4 } }))],
  }, [[], ...series.map(() => [])], el);
}

export class Charts {
  constructor() {
    this.plots = {
      issuance: plot('chart-issuance', 'epoch', ['issuance (FLY)']),
      mintBurn: plot('chart-mint-burn', 'epoch', ['minted (FLY)', 'burned (FLY)']),
      burnToMint: plot('chart-burn-to-mint', 'epoch', ['burned / minted']),
      bonded: plot('chart-bonded', 'block', ['bonded %', 'target %']),
      rate: plot('chart-rate', 'block', ['rate per round %']),
    };
  }

  /** Redraws from the closed epochs (`history`: epoch -> totals) and the block samples. */
  update(history, samples) {
    const epochs = [...history.keys()].sort((a, b) => a - b);
    const h = epochs.map((e) => history.get(e));
    this.plots.issuance.setData([epochs, h.map((x) => Number(x.issuance) / FLY)]);
    this.plots.mintBurn.setData([epochs, h.map((x) => Number(x.minted) / FLY), h.map((x) => Number(x.burned) / FLY)]);
    this.plots.burnToMint.setData([epochs, h.map((x) => (x.ratio === null ? null : Number(x.ratio) / 1e18))]);
    const blocks = samples.map((s) => s.block);
    this.plots.bonded.setData([blocks, samples.map((s) => s.bonded / 1e7), samples.map((s) => s.target / 1e7)]);
    this.plots.rate.setData([blocks, samples.map((s) => s.rate / 1e7)]);
  }
}
