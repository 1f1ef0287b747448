/**
 * Early stopping on a validation figure to maximise (validation macro F1 over N, S, V, F):
 * stop when it has not improved by more than `minDelta` for `patience` epochs in a row. The
 * state is plain data, saved in the checkpoint, so a resumed run stops when the
 * uninterrupted one would have.
 */

/** Settings. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement before stopping (≥ 1). */
  patience: number;
  /** Smallest rise that counts as an improvement (default 0). */
  minDelta?: number;
}

/** State after some epochs. */
export interface EarlyStoppingState {
  /** Best value so far (−∞ before the first epoch). */
  best: number;
  /** Epoch of the best value, −1 before the first. */
  bestEpoch: number;
  /** Epochs since the best. */
  wait: number;
}

/** The state before any epoch. */
export function initialEarlyStopping(): EarlyStoppingState {
  return { best: Number.NEGATIVE_INFINITY, bestEpoch: -1, wait: 0 };
}

/**
 * The state after epoch `epoch` scored `value`: whether it improved on the best (then it is
 * the new best) and whether training should stop (with `options` null it never stops). A
 * NaN value never improves.
 */
export function updateEarlyStopping(
  state: EarlyStoppingState,
  value: number,
  epoch: number,
  options: EarlyStoppingOptions | null,
): { state: EarlyStoppingState; improved: boolean; stop: boolean } {
  const improved = value > state.best + (options?.minDelta ?? 0) || (state.bestEpoch < 0 && !Number.isNaN(value));
  const next: EarlyStoppingState = improved ? { best: value, bestEpoch: epoch, wait: 0 } : { ...state, wait: state.wait + 1 };
  const stop = options !== null && next.wait >= options.patience;
  return { state: next, improved, stop };
}
