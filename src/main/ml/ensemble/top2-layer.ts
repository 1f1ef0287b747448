/**
 * The Top2-weighted rule (./top2-rule, seed 003) as a tfjs layer, so that an ensemble is one
 * saved network: inputs are the members' probabilities [batch, K] each, the output the
 * ensemble's probabilities [batch, K].
 *
 * The top-two mask is built from differences passed through `step` (1 for x > 0, else 0),
 * whose gradient is zero: the mask acts as a constant, and gradients (Grad-CAM through an
 * ensemble, ../explain) flow through the kept probabilities only. For member probabilities
 * P [b, K]: ahead[c] = Σ_j step(P_j − P_c) + Σ_{j<c} [P_j = P_c], kept when ahead ≤ 1.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelConfigError, type BaseLayerArgs } from '../layers/layer-utils';

/** Arguments of {@link Top2Weighted}. */
export interface Top2WeightedArgs extends BaseLayerArgs {
  /** One weight per member (≥ 0, finite, at least one > 0), in input order. */
  memberWeights: number[];
}

const NAME = 'RaTop2Weighted';

/** [K, K] with 1 where column j < row c: ties go to the lower class index. */
function lowerIndexMatrix(K: number): tf.Tensor2D {
  const values = new Float32Array(K * K);
  for (let c = 0; c < K; c++) for (let j = 0; j < c; j++) values[c * K + j] = 1;
  return tf.tensor2d(values, [K, K]);
}

/** 1 where a class is among the two largest of its row (ties to the lower index), else 0; no gradient. */
export function topTwoMask(p: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const K = p.shape[1];
    const others = tf.expandDims(p, 1); // [b, 1, K]: P_j
    const self = tf.expandDims(p, 2); // [b, K, 1]: P_c
    const above = tf.step(tf.sub(others, self));
    const below = tf.step(tf.sub(self, others));
    const equal = tf.mul(tf.sub(1, above), tf.sub(1, below));
    const ahead = tf.sum(tf.add(above, tf.mul(equal, lowerIndexMatrix(K))), 2);
    return tf.step(tf.sub(1.5, ahead)) as tf.Tensor2D;
  });
}

/** The Top2-weighted combination of member probabilities; see the file comment. */
export class Top2Weighted extends tfl.layers.Layer {
  /** Registered class name. */
  static readonly className = NAME;
  readonly memberWeights: number[];

  constructor(args: Top2WeightedArgs) {
    super(args);
    const w = args.memberWeights;
    if (!Array.isArray(w) || w.length === 0 || w.some((x) => typeof x !== 'number' || !Number.isFinite(x) || x < 0) || !w.some((x) => x > 0)) {
      throw new ModelConfigError(`${NAME}: memberWeights must be finite numbers ≥ 0, at least one > 0; got ${JSON.stringify(w)}`);
    }
    this.memberWeights = [...w];
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shapes = (Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as tfl.Shape[];
    if (shapes.length !== this.memberWeights.length) {
      throw new ModelConfigError(`${NAME}: ${shapes.length} inputs for ${this.memberWeights.length} member weights`);
    }
    const first = shapes[0]!;
    if (shapes.some((s) => s.length !== 2 || s[1] !== first[1])) throw new ModelConfigError(`${NAME}: members must give [batch, K] probabilities of one K`);
    return first;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const members = (Array.isArray(inputs) ? inputs : [inputs]) as tf.Tensor2D[];
      if (members.length !== this.memberWeights.length) throw new ModelConfigError(`${NAME}: ${members.length} inputs for ${this.memberWeights.length} member weights`);
      const terms = members.map((p, m) => tf.mul(tf.mul(p, topTwoMask(p)), this.memberWeights[m]!));
      const score = terms.length === 1 ? terms[0]! : tf.addN(terms);
      return tf.div(score, tf.maximum(tf.sum(score, 1, true), 1e-30));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), memberWeights: [...this.memberWeights] };
  }
}
tf.serialization.registerClass(Top2Weighted);
