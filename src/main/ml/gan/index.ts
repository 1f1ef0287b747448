/**
 * GAN augmentation of rare beats (seed 003): the conditional 1D GAN (./cgan-models), its
 * training loop (./train-gan), DS1-only data and mixing synthetic beats into a training set
 * (./gan-data), the generator folder (./gan-store), synthetic beats for a training job
 * (./mix-job, `train --synthetic`) and the report figure (./gan-figure).
 */
export { buildDiscriminator, buildGenerator, checkGanConfig, DEFAULT_GAN_SIZES, type GanConfig } from './cgan-models';
export { createGan, ganStep, sampleBatch, synthesiseBeats, trainGan, type GanBeats, type GanProgress, type GanState, type GanStepLosses } from './train-gan';
export { GAN_CLASSES, ganBeatsOf, loadGanBeats, mixSynthetic } from './gan-data';
export { addSyntheticBeats, type SyntheticSpec, type SyntheticSummary, type SyntheticTarget } from './mix-job';
export { GAN_CARD_FILE, GAN_CARD_FORMAT, loadGenerator, saveGenerator, type GanCard } from './gan-store';
export { renderSyntheticBeatsSvg, syntheticBeatsOption, syntheticBeatsSize, type FigureClass } from './gan-figure';
