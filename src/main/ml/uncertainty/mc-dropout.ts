/**
 * Monte Carlo dropout (Gal & Ghahramani, "Dropout as a Bayesian Approximation", ICML 2016):
 * the trained network run N times with its dropout layers active, as an estimate of the
 * uncertainty of each beat's class — the mean of the N softmax outputs, its predictive
 * entropy, the mutual information between the class and the weights (entropy of the mean
 * minus the mean entropy of the passes: the part of the uncertainty dropout disagrees on)
 * and the spread (standard deviation over the passes of the mean's top-class probability).
 *
 * Why not `model.apply(x, { training: true })`: in tfjs-layers `training` reaches every
 * layer, and our ConvBatchNorm1D (like tfjs' BatchNormalization) would then normalise with
 * the batch's own moments and WRITE its moving averages — the forward pass would differ
 * from the served one in more than dropout, and the shipped weights would be damaged.
 * So {@link planMcGraph} walks the model's own graph (its layers are in topological order,
 * each with the node that wires its inputs) and calls each layer itself: with
 * `training: true` only for the layers in {@link DROPOUT_LAYER_CLASSES}, whose sole training
 * behaviour is dropout (the attention layer drops attention weights and nothing else), and
 * `training: false` for everything else. No model is rebuilt, no weight is copied.
 *
 * The same walk gives a speed-up: what no dropout layer feeds (the residual CNN, most of the
 * compute) is computed once per batch; only the layers downstream of a dropout layer run N
 * times. Each pass's softmax is calibrated with the card's temperature (../calibration)
 * before averaging, so one pass of a rate-0 network gives exactly the served probabilities.
 * Masks are drawn unseeded (tf.dropout), so figures vary slightly from run to run.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { feedTensors, modelFeed, modelInputs, servedDecisions, type ModelBeats } from '../inference';
import { irregularFlagsFor } from '../irregular-rhythm-rule';
import type { LoadedModel } from '../model-store';

/** Layer classes run with `training: true` in a Monte Carlo pass: those whose training mode is dropout only. */
export const DROPOUT_LAYER_CLASSES: readonly string[] = Object.freeze(['Dropout', 'SpatialDropout1D', 'RaSpatialDropout1D', 'RaMultiHeadSelfAttention']);

/** One layer call of the walk. */
interface GraphStep {
  layer: tfl.layers.Layer;
  inputs: number[];
  outputs: number[];
  /** Runs in training mode (a dropout layer). */
  dropout: boolean;
  /** Fed, directly or not, by a dropout layer: recomputed every pass. */
  stochastic: boolean;
}

/** The walk of a model's graph (see the file comment). */
export interface McGraph {
  model: tfl.LayersModel;
  steps: GraphStep[];
  /** Symbolic-tensor ids of the model's inputs and output. */
  inputIds: number[];
  outputId: number;
  /** Names of the layers run with dropout active. */
  dropoutLayers: string[];
}

/**
 * Plans the Monte Carlo walk of `model` (one output). Layers of classes in `dropoutClasses`
 * run in training mode; all others in inference mode.
 * @throws RangeError for a layer whose inputs the walk cannot find (a graph it does not understand).
 */
export function planMcGraph(model: tfl.LayersModel, dropoutClasses: readonly string[] = DROPOUT_LAYER_CLASSES): McGraph {
  const inputIds = model.inputs.map((t) => t.id);
  const known = new Set(inputIds);
  const stochasticIds = new Set<number>();
  const steps: GraphStep[] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    // A layer shared with another model (e.g. the attention view) has more nodes: take the one this graph feeds.
    const node = layer.inboundNodes.find((n) => n.inputTensors.length > 0 && n.inputTensors.every((t) => known.has(t.id)));
    if (node === undefined) throw new RangeError(`MC dropout: the inputs of layer '${layer.name}' are not in the model's graph`);
    const inputs = node.inputTensors.map((t) => t.id);
    const outputs = node.outputTensors.map((t) => t.id);
    const dropout = dropoutClasses.includes(layer.getClassName());
    const stochastic = dropout || inputs.some((id) => stochasticIds.has(id));
    for (const id of outputs) {
      known.add(id);
      if (stochastic) stochasticIds.add(id);
    }
    steps.push({ layer, inputs, outputs, dropout, stochastic });
  }
  const outputId = model.outputs[0]!.id;
  if (!known.has(outputId)) throw new RangeError("MC dropout: the walk did not reach the model's output");
  return { model, steps, inputIds, outputId, dropoutLayers: steps.filter((s) => s.dropout).map((s) => s.layer.name) };
}

/** Runs `steps` (those with `only` set, or all) on the tensors in `values`, adding their outputs. */
function runSteps(steps: readonly GraphStep[], values: Map<number, tf.Tensor>, only?: (s: GraphStep) => boolean): void {
  for (const step of steps) {
    if (only !== undefined && !only(step)) continue;
    const inputs = step.inputs.map((id) => values.get(id)!);
    const out = step.layer.apply(inputs.length === 1 ? inputs[0]! : inputs, { training: step.dropout }) as tf.Tensor | tf.Tensor[];
    const list = Array.isArray(out) ? out : [out];
    step.outputs.forEach((id, i) => values.set(id, list[i]!));
  }
}

/**
 * `passes` softmax outputs of one batch (fed as the model's inputs), each count × classes,
 * through the walk `graph`: the deterministic part once, the stochastic part per pass.
 */
export function mcPassesOfBatch(graph: McGraph, feed: readonly tf.Tensor[], passes: number): Float32Array[] {
  return tf.tidy(() => {
    const values = new Map<number, tf.Tensor>();
    graph.inputIds.forEach((id, i) => values.set(id, feed[i]!));
    runSteps(graph.steps, values, (s) => !s.stochastic);
    const out: Float32Array[] = [];
    for (let p = 0; p < passes; p++) {
      // Each pass in its own scope: its activations go before the next pass's are made.
      tf.tidy(() => {
        const pass = new Map(values);
        runSteps(graph.steps, pass, (s) => s.stochastic);
        out.push(pass.get(graph.outputId)!.dataSync() as Float32Array);
      });
    }
    return out;
  });
}

/** Per-beat Monte Carlo figures. */
export interface McDropoutResult {
  passes: number;
  /** count × classes mean of the calibrated pass probabilities. */
  mean: Float32Array;
  /** Entropy of the mean, nats (0 … ln K). */
  entropy: Float32Array;
  /** Entropy of the mean minus the mean entropy of the passes, nats (≥ 0). */
  mutualInformation: Float32Array;
  /** Standard deviation over the passes of the probability of the mean's top class. */
  spread: Float32Array;
}

const entropyOf = (p: Float32Array, offset: number, K: number): number => {
  let h = 0;
  for (let c = 0; c < K; c++) {
    const v = p[offset + c]!;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
};

/** Summarises `passes` arrays (count × K each) into {@link McDropoutResult} figures for beats `start …`. */
export function summarisePasses(passes: readonly Float32Array[], K: number, into: McDropoutResult, start: number): void {
  const N = passes.length;
  const count = passes[0]!.length / K;
  for (let i = 0; i < count; i++) {
    const at = (start + i) * K;
    let meanEntropy = 0;
    for (const p of passes) {
      for (let c = 0; c < K; c++) into.mean[at + c]! += p[i * K + c]! / N;
      meanEntropy += entropyOf(p, i * K, K) / N;
    }
    let top = 0;
    for (let c = 1; c < K; c++) if (into.mean[at + c]! > into.mean[at + top]!) top = c;
    const mu = into.mean[at + top]!;
    let variance = 0;
    for (const p of passes) variance += (p[i * K + top]! - mu) ** 2 / N;
    const h = entropyOf(into.mean, at, K);
    into.entropy[start + i] = h;
    into.mutualInformation[start + i] = Math.max(0, h - meanEntropy);
    into.spread[start + i] = Math.sqrt(variance);
  }
}

/**
 * Monte Carlo dropout over beats, as ../inference `classifyBeats` takes them; `passes` ≥ 1 passes,
 * each served as the card says (calibrated, then its irregular-rhythm rule). `graph` may be given to reuse a plan.
 * @throws RangeError on sizes that do not fit the model or passes < 1.
 */
export function mcDropoutBeats(
  loaded: LoadedModel,
  beats: ModelBeats,
  options: { passes: number; batchSize?: number; graph?: McGraph },
): McDropoutResult {
  const { passes } = options;
  if (!Number.isInteger(passes) || passes < 1) throw new RangeError(`MC dropout needs a whole number of passes ≥ 1, got ${passes}`);
  const K = loaded.card.model.classes.length;
  const input = modelInputs(loaded, beats);
  const irregular = irregularFlagsFor(loaded.card, beats);
  const { count } = input;
  const graph = options.graph ?? planMcGraph(loaded.model);
  const result: McDropoutResult = {
    passes, mean: new Float32Array(count * K), entropy: new Float32Array(count), mutualInformation: new Float32Array(count), spread: new Float32Array(count),
  };
  const batch = Math.max(1, options.batchSize ?? 512);
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const outs = tf.tidy(() => mcPassesOfBatch(graph, modelFeed(loaded.model, feedTensors(input, start, n)), passes));
    const flags = irregular?.subarray(start, start + n) ?? null;
    summarisePasses(outs.map((p) => servedDecisions(loaded.card, p, flags).probabilities), K, result, start);
  }
  return result;
}
