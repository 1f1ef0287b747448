import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { devPolicy, PAGE_CONTENT_SECURITY_POLICY } from './src/main/csp';

/**
 * index.html carries the strict CSP of src/main/csp.ts. Vite's dev server injects CSS as
 * <style> elements, which that policy refuses, so under `electron-vite dev` only the page
 * gets the dev variant ('unsafe-inline' styles). Builds keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'rhythm-attention:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(PAGE_CONTENT_SECURITY_POLICY, devPolicy(PAGE_CONTENT_SECURITY_POLICY)),
  };
}

/**
 * electron-vite builds three bundles: main (Node, ESM; three entries: the app, the
 * analysis worker and the training worker), preload (sandboxed, so CommonJS) and the
 * renderer (browser). The renderer bundle is also what the loopback server serves to an
 * ordinary browser.
 */
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The background analysis runs in a worker_threads Worker started from this file:
          // out/main/analysis-worker.js (src/main/analysis/locations.ts bundledAnalysisWorkerPath).
          'analysis-worker': resolve(__dirname, 'src/main/analysis/analysis-worker.ts'),
          // Research jobs train and evaluate in a worker started from this file:
          // out/main/training-worker.js (src/main/research/locations.ts bundledTrainingWorkerPath).
          'training-worker': resolve(__dirname, 'src/main/ml/training/worker.ts'),
          // Patient adaptation fine-tunes a copy of the model in a worker started from this file:
          // out/main/adapt-worker.js (src/main/adaptation/start-adaptation.ts bundledAdaptWorkerPath).
          'adapt-worker': resolve(__dirname, 'src/main/adaptation/adapt-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // Sandboxed preload scripts cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [vue(), devCsp()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
