// SPDX-License-Identifier: Apache-2.0
// Bundles the page's script (polkadot.js, uPlot and its CSS) into dist/.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
await build({
  absWorkingDir: dir,
  entryPoints: ['src/app.js'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  outdir: 'dist',
  logLevel: 'warning',
});
