/**
 * Top2-weighted ensembles (seed 003): the rule (./top2-rule, and as a layer ./top2-layer),
 * the choice of members and weights on DS1 validation beats (./choose-weights), the single
 * network that holds the members (./build-network), its card (./ensemble-card) and building
 * a saved ensemble from model folders (./create-ensemble). A saved ensemble is loaded,
 * evaluated, calibrated and served like any model.
 */
export { top2Weighted, inTopTwo } from './top2-rule';
export { Top2Weighted, topTwoMask, type Top2WeightedArgs } from './top2-layer';
export { chooseWeights, maskTopTwo, simplexGrid, type WeightChoice } from './choose-weights';
export { buildEnsembleNetwork, checkMembersCompatible, heaviest, memberPrefix, unionRrFeatures, type NetworkMember } from './build-network';
export { ensembleCard, ensembleOf, type EnsembleDescription, type EnsembleMemberInfo, type EnsembleSelection } from './ensemble-card';
export { createEnsemble, type CreateEnsembleOptions, type CreatedEnsemble } from './create-ensemble';
