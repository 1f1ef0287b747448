import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledAnalysisWorkerPath, defaultModelDir } from '../../../../src/main/analysis/locations';
import { splitRuns } from '../../../../src/main/analysis/beat-tools';

describe('defaultModelDir', () => {
  it('puts the default model beside the resources folder', () => {
    expect(defaultModelDir(join('/app', 'resources'))).toBe(join('/app', 'models', 'rhythm-attention-default'));
  });
});

describe('bundledAnalysisWorkerPath', () => {
  it('names the analysis-worker entry beside the main bundle', () => {
    expect(bundledAnalysisWorkerPath(join('/app', 'out', 'main'))).toBe(join('/app', 'out', 'main', 'analysis-worker.js'));
  });
});

describe('splitRuns', () => {
  it('splits sorted beats where neighbours are at least the gap apart', () => {
    const beats = [0, 100, 250, 2000, 2100, 9000].map((sample, id) => ({ id, sample }));
    expect(splitRuns(beats, 1000).map((run) => run.map((b) => b.id))).toEqual([[0, 1, 2], [3, 4], [5]]);
    expect(splitRuns([], 10)).toEqual([]);
  });
});
