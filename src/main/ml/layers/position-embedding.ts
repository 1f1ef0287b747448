/**
 * Learned position embedding (Devlin et al. 2019, as keras-nlp's PositionEmbedding): one
 * trainable vector per time step, added to the input so that the permutation-invariant
 * self-attention that follows knows where in the beat each feature sits.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { checkInteger, featureSize, glorot, ModelConfigError, oneTensor, singleShape, type BaseLayerArgs } from './layer-utils';

/** Arguments of {@link PositionEmbedding}. */
export interface PositionEmbeddingArgs extends BaseLayerArgs {
  /** Longest sequence the layer accepts (rows of the embedding table); shorter inputs use the first rows. */
  sequenceLength: number;
  /** Seed of the Glorot-uniform initial values (unseeded when absent). */
  seed?: number;
}

/** Input [batch, steps, features] → input + embedding[0..steps) (same shape). */
export class PositionEmbedding extends tfl.layers.Layer {
  /**
   * Registered class name (saved in model.json); prefixed because tfjs-layers registers its
   * own, unexported PositionEmbedding under the plain name.
   */
  static readonly className = 'RaPositionEmbedding';
  readonly sequenceLength: number;
  readonly seed: number | undefined;
  private embeddings: tfl.LayerVariable | null = null;

  constructor(args: PositionEmbeddingArgs) {
    super(args);
    this.sequenceLength = checkInteger(PositionEmbedding.className, 'sequenceLength', args.sequenceLength);
    this.seed = args.seed;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = singleShape(PositionEmbedding.className, inputShape, 3);
    const features = featureSize(PositionEmbedding.className, shape);
    const steps = shape[1];
    if (steps !== null && steps !== undefined && steps > this.sequenceLength) {
      throw new ModelConfigError(`${PositionEmbedding.className}: input has ${steps} steps, more than sequenceLength ${this.sequenceLength}`);
    }
    this.embeddings = this.addWeight('embeddings', [this.sequenceLength, features], 'float32', glorot(this.seed));
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return singleShape(PositionEmbedding.className, inputShape, 3);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs) as tf.Tensor3D;
      const steps = x.shape[1];
      if (steps > this.sequenceLength) {
        throw new ModelConfigError(`${PositionEmbedding.className}: input has ${steps} steps, more than sequenceLength ${this.sequenceLength}`);
      }
      const table = (this.embeddings as tfl.LayerVariable).read();
      const rows = steps === this.sequenceLength ? table : tf.slice(table, [0, 0], [steps, -1]);
      return tf.add(x, rows);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { sequenceLength: this.sequenceLength };
    if (this.seed !== undefined) config['seed'] = this.seed;
    return { ...super.getConfig(), ...config };
  }
}
tf.serialization.registerClass(PositionEmbedding);
