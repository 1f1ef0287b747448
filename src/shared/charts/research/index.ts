/** Chart option builders of the research workbench (training curves, per-class F1, confusion matrix). */
export { buildCurveOption, curvePoints, type CurveMetric, type CurvePoint } from './curves';
export { buildClassF1Option, classF1Points, classColor } from './class-f1';
export { buildConfusionOption, confusionCells, cellTextColor, type ConfusionCell } from './confusion';
export type { ResearchOption } from './types';
