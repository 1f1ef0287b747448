import { describe, expect, it } from 'vitest';
import { initialEarlyStopping, updateEarlyStopping } from '../../../../../src/main/ml/training/early-stopping';

function runScores(scores: number[], options: { patience: number; minDelta?: number } | null): { stoppedAt: number | null; best: number; bestEpoch: number } {
  let state = initialEarlyStopping();
  for (let i = 0; i < scores.length; i++) {
    const update = updateEarlyStopping(state, scores[i]!, i + 1, options);
    state = update.state;
    if (update.stop) return { stoppedAt: i + 1, best: state.best, bestEpoch: state.bestEpoch };
  }
  return { stoppedAt: null, best: state.best, bestEpoch: state.bestEpoch };
}

describe('updateEarlyStopping', () => {
  it('stops after `patience` epochs without improvement and remembers the best epoch', () => {
    expect(runScores([0.5, 0.6, 0.55, 0.58, 0.59, 0.7], { patience: 3 })).toEqual({ stoppedAt: 5, best: 0.6, bestEpoch: 2 });
  });

  it('resets the wait on an improvement', () => {
    expect(runScores([0.5, 0.4, 0.6, 0.5, 0.55], { patience: 2 })).toEqual({ stoppedAt: 5, best: 0.6, bestEpoch: 3 });
  });

  it('does not count a rise below minDelta as an improvement', () => {
    expect(runScores([0.5, 0.5005, 0.5009], { patience: 2, minDelta: 0.001 })).toEqual({ stoppedAt: 3, best: 0.5, bestEpoch: 1 });
  });

  it('never stops without options, and a NaN score never improves', () => {
    expect(runScores([0.1, 0.05, 0.01, 0.0], null).stoppedAt).toBeNull();
    const first = updateEarlyStopping(initialEarlyStopping(), Number.NaN, 1, { patience: 1 });
    expect(first.improved).toBe(false);
  });
});
