/**
 * Explaining a model's decisions: Grad-CAM per beat (./grad-cam) for every architecture and
 * for ensembles, on raw inputs (./explain-beats), and the graph walk it rests on (./graph-walk).
 */
export { GRAD_CAM_LAYERS, gradCamBatch, gradCamBeats, gradCamLayerOf, type GradCamBatch } from './grad-cam';
export { explainBeats, type ExplainedBeats } from './explain-beats';
export { walkGraph, type GraphValue, type LayerRunner } from './graph-walk';
