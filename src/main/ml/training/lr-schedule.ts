/**
 * Learning-rate schedules, by optimizer step: a linear warm-up from base/warmup to base over
 * the first `warmupSteps` steps (Adam's early moment estimates are poor; Goyal et al. 2017),
 * then constant, cosine decay to `minLearningRate` at `totalSteps` (Loshchilov & Hutter,
 * SGDR, 2017, without restarts), or step decay (× factor every `stepSize` steps).
 */

/** A schedule. */
export type LrSchedule =
  | { kind: 'constant'; base: number; warmupSteps: number }
  | { kind: 'cosine'; base: number; warmupSteps: number; totalSteps: number; minLearningRate: number }
  | { kind: 'step'; base: number; warmupSteps: number; stepSize: number; factor: number };

/** Checks a schedule; throws RangeError naming the bad field. */
export function checkSchedule(s: LrSchedule): void {
  if (!(s.base > 0)) throw new RangeError(`learning rate must be positive, got ${s.base}`);
  if (!(Number.isInteger(s.warmupSteps) && s.warmupSteps >= 0)) throw new RangeError(`warm-up steps must be an integer ≥ 0, got ${s.warmupSteps}`);
  if (s.kind === 'cosine' && !(s.totalSteps > 0 && s.minLearningRate >= 0 && s.minLearningRate <= s.base)) {
    throw new RangeError(`cosine schedule: need totalSteps > 0 and 0 ≤ minLearningRate ≤ base, got ${s.totalSteps}, ${s.minLearningRate}`);
  }
  if (s.kind === 'step' && !(Number.isInteger(s.stepSize) && s.stepSize > 0 && s.factor > 0 && s.factor <= 1)) {
    throw new RangeError(`step schedule: need an integer stepSize > 0 and 0 < factor ≤ 1, got ${s.stepSize}, ${s.factor}`);
  }
}

/** Learning rate at optimizer step `step` (0-based). */
export function learningRateAt(schedule: LrSchedule, step: number): number {
  const { base, warmupSteps } = schedule;
  if (step < warmupSteps) return (base * (step + 1)) / warmupSteps;
  const after = step - warmupSteps;
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * schedule.factor ** Math.floor(after / schedule.stepSize);
    case 'cosine': {
      const span = Math.max(1, schedule.totalSteps - warmupSteps);
      const progress = Math.min(1, after / span);
      return schedule.minLearningRate + (base - schedule.minLearningRate) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }
}
