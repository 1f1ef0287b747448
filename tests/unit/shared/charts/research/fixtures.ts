/** Small JobEpoch and EvaluationReport values for the research chart tests (made up, not model output). */
import type { JobEpoch } from '../../../../../src/shared/research';

/** An epoch with the given figures; validation F1 per class N S V F Q. */
export function epoch(n: number, figures: Partial<JobEpoch> = {}): JobEpoch {
  return {
    epoch: n, trainLoss: 1 / n, trainAccuracy: 0.5 + n / 100, validationLoss: 1.2 / n, validationAccuracy: 0.4 + n / 100,
    validationMacroF1: 0.3, validationF1: [0.9, 0.2, 0.6, null, null], learningRate: 1e-3, seconds: 10, ...figures,
  };
}
