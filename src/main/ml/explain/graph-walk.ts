/**
 * Walking a functional tfjs model layer by layer, in the order tfjs keeps its layers
 * (inputs before the layers that read them). Two uses: Grad-CAM (./grad-cam) runs the
 * model on real tensors with one layer's output swapped for a tensor it differentiates
 * against, and the ensemble builder (../ensemble) re-applies copies of a member's layers
 * to the ensemble's inputs. tfjs offers neither: `LayersModel.execute` cannot replace an
 * intermediate output.
 *
 * Each layer must be applied once in the model (one inbound node), as ours are; a layer
 * shared between two places is refused with a ModelConfigError.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { ModelConfigError } from '../layers/layer-utils';

/** What flows along the graph: symbolic tensors when building, tensors when running. */
export type GraphValue = tfl.SymbolicTensor | tf.Tensor;

/** Runs one layer on its inputs (one value, or a list for a multi-input layer). */
export type LayerRunner<T extends GraphValue> = (layer: tfl.layers.Layer, inputs: T | T[]) => T | T[];

/** The class name tfjs gives input layers. */
const INPUT_LAYER = 'InputLayer';

interface InboundNode {
  inboundLayers: tfl.layers.Layer[];
  nodeIndices: number[];
  tensorIndices: number[];
}

/**
 * Walks `model`: input layers take `inputs[name]`, every other layer `run(layer, its inputs)`.
 * Resolves to each layer's outputs by layer name.
 * @throws ModelConfigError for a missing input value or a layer applied more than once.
 */
export function walkGraph<T extends GraphValue>(model: tfl.LayersModel, inputs: Readonly<Record<string, T>>, run: LayerRunner<T>): Map<string, T[]> {
  const outputs = new Map<string, T[]>();
  for (const layer of model.layers) {
    if (layer.getClassName() === INPUT_LAYER) {
      const value = inputs[layer.name];
      if (value === undefined) throw new ModelConfigError(`model '${model.name}': no value given for input '${layer.name}'`);
      outputs.set(layer.name, [value]);
      continue;
    }
    const nodes = (layer as unknown as { inboundNodes: InboundNode[] }).inboundNodes;
    const node = nodes[0];
    if (node === undefined || nodes.length !== 1) throw new ModelConfigError(`model '${model.name}': layer '${layer.name}' is applied ${nodes.length} times; the walk needs exactly once`);
    const args = node.inboundLayers.map((inbound, k) => {
      if (node.nodeIndices[k] !== 0) throw new ModelConfigError(`model '${model.name}': layer '${inbound.name}' is applied more than once`);
      const value = outputs.get(inbound.name)?.[node.tensorIndices[k]!];
      if (value === undefined) throw new ModelConfigError(`model '${model.name}': layer '${layer.name}' reads '${inbound.name}' before it is computed`);
      return value;
    });
    const result = run(layer, args.length === 1 ? args[0]! : args);
    outputs.set(layer.name, Array.isArray(result) ? result : [result]);
  }
  return outputs;
}
