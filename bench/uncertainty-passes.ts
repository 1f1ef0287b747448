/**
 * How many Monte Carlo dropout passes the review's background uncertainty pass needs
 * (`npm run bench:uncertainty`; src/main/analysis/uncertainty-pass.ts UNCERTAINTY_PASSES).
 * Ranking quality against cost, on the card's DS1 validation records only (DS2 is kept for
 * the final table in models/README.md):
 *
 * - for each N, two independent N-pass estimates of the score the review uses
 *   (1 − mean top calibrated probability): their Spearman rank correlation, and the overlap
 *   of the beats each sends to review at 90 % coverage (the 10 % most uncertain) — how much
 *   the queue would change between two runs;
 * - the same against a reference estimate of `--reference` passes (close to the limit);
 * - the accuracy of the accepted beats at 90 % coverage (the mean of the two runs);
 * - seconds per 1,000 beats of the MC step (wasm backend, this machine, its load printed).
 *
 * With `--time-records 100,208` it times instead the app's background pass
 * (src/main/analysis startUncertaintyPass, its worker thread from source, UNCERTAINTY_PASSES)
 * over each whole record: first in a fresh worker, then in the kept one.
 *
 * Masks are unseeded (tf.dropout): figures move a little between runs.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { disposeAnalysisWorkers, startUncertaintyPass, UNCERTAINTY_PASSES } from '../src/main/analysis';
import { DEFAULT_BEAT_CACHE_DIR, loadRecordBeats } from '../src/main/datasets';
import { classifyBeats, loadModel, selectBackend, type LoadedModel } from '../src/main/ml';
import { coverageCurve, oneMinusMaxProbability, rankByScore } from '../src/main/ml/evaluation/selective';
import { mcDropoutBeats, planMcGraph } from '../src/main/ml/uncertainty/mc-dropout';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const args = parseArgs({
  options: { records: { type: 'string' }, passes: { type: 'string' }, reference: { type: 'string' }, 'time-records': { type: 'string' } },
}).values;
const MODEL_DIR = resolve(ROOT, 'models/rhythm-attention-default');

/** Rank of each beat (0 = lowest score), ties in beat order. */
function ranks(score: Float32Array): Float64Array {
  const out = new Float64Array(score.length);
  rankByScore(score).forEach((beat, rank) => (out[beat] = rank));
  return out;
}

/** Spearman's rank correlation of two scores. */
function spearman(a: Float32Array, b: Float32Array): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const mean = (n - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - mean) * (rb[i]! - mean);
    da += (ra[i]! - mean) ** 2;
    db += (rb[i]! - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}

/** Share of the `fraction` most uncertain beats of `a` that are also among those of `b`. */
function topOverlap(a: Float32Array, b: Float32Array, fraction: number): number {
  const k = Math.round(a.length * fraction);
  const top = (s: Float32Array) => new Set(rankByScore(s).subarray(s.length - k));
  const ta = top(a);
  let both = 0;
  for (const beat of top(b)) if (ta.has(beat)) both++;
  return both / k;
}

async function beatsOf(loaded: LoadedModel, records: readonly string[]) {
  const { card } = loaded;
  const windows: Float32Array[] = [];
  const differences: Float32Array[] = [];
  const rr: Float32Array[] = [];
  const reference: number[] = [];
  for (const record of records) {
    const set = await loadRecordBeats(record, {
      dataDir: resolve(ROOT, '../shared/data/mitdb'), window: card.input.window, filter: card.input.filter, rr: card.input.rr?.options ?? {},
      cacheDir: resolve(ROOT, DEFAULT_BEAT_CACHE_DIR),
    });
    windows.push(set.windows);
    if (set.differences !== null) differences.push(set.differences);
    rr.push(set.rr);
    reference.push(...set.classes);
  }
  const join = (parts: Float32Array[]) => {
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  return { windows: join(windows), differences: differences.length > 0 ? join(differences) : null, rr: join(rr), reference };
}

/** Wall time of the app's uncertainty pass over each record, fresh worker then kept worker. */
async function timePasses(records: readonly string[]): Promise<void> {
  console.log(`uncertainty pass, ${UNCERTAINTY_PASSES} passes, worker from source (tsx); load ${loadavg()[0]!.toFixed(1)}`);
  for (const record of records) {
    for (const worker of ['fresh', 'kept']) {
      await (worker === 'fresh' ? disposeAnalysisWorkers() : Promise.resolve());
      let beats = 0;
      const t0 = performance.now();
      const handle = startUncertaintyPass({ headerPath: resolve(ROOT, '../shared/data/mitdb', `${record}.hea`), modelDir: MODEL_DIR, backend: 'wasm' }, {
        onProgress: () => undefined,
        onValues: (v) => (beats += v.samples.length),
      });
      await handle.done;
      console.log(`  record ${record}, ${worker} worker: ${beats} beats in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  await disposeAnalysisWorkers();
}

async function main(): Promise<void> {
  if (args['time-records'] !== undefined) return timePasses(args['time-records'].split(','));
  await selectBackend('wasm');
  const loaded = await loadModel(MODEL_DIR);
  const records = args.records?.split(',') ?? loaded.card.training.validationRecords;
  const list = (args.passes ?? '1,2,5,10,20,40').split(',').map(Number);
  const referencePasses = Number(args.reference ?? 80);
  const beats = await beatsOf(loaded, records);
  const { reference } = beats;
  const K = loaded.card.model.classes.length;
  const predicted = classifyBeats(loaded, beats).classes;
  const count = reference.length;
  const graph = planMcGraph(loaded.model);
  const score = (passes: number) => {
    const t0 = performance.now();
    const out = oneMinusMaxProbability(mcDropoutBeats(loaded, beats, { passes, graph }).mean, K);
    return { out, msPer1000: ((performance.now() - t0) / count) * 1000 };
  };
  console.log(`records ${records.join(' ')}: ${count} beats; load ${loadavg()[0]!.toFixed(1)}; reference ${referencePasses} passes`);
  const ref = score(referencePasses).out;
  const accAt90 = (s: Float32Array) =>
    coverageCurve({ classes: loaded.card.model.classes, reference, predicted, score: s }, [0.9])[0]!.metrics.accuracy ?? 0;
  console.log('passes | run-to-run Spearman | run-to-run review-set overlap @90% | Spearman vs ref | overlap vs ref | acc @90% | s per 1,000 beats');
  for (const passes of list) {
    const a = score(passes);
    const b = score(passes);
    const cells = [
      passes, spearman(a.out, b.out).toFixed(4), topOverlap(a.out, b.out, 0.1).toFixed(3), spearman(a.out, ref).toFixed(4),
      topOverlap(a.out, ref, 0.1).toFixed(3), (((accAt90(a.out) + accAt90(b.out)) / 2) * 100).toFixed(2), ((a.msPer1000 + b.msPer1000) / 2000).toFixed(2),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  loaded.model.dispose();
}

void main();
