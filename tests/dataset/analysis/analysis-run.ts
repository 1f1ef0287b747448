/**
 * Runs `startAnalysis` and collects what it reports, for the analysis dataset tests.
 */
import { startAnalysis, type AnalysedChunk, type AnalysisModelInfo, type AnalysisRequest } from '../../../src/main/analysis';

/** Everything one analysis reported. */
export interface CollectedRun {
  state: 'done' | 'cancelled';
  model: AnalysisModelInfo | null;
  chunks: AnalysedChunk[];
  progress: { fraction: number; message: string }[];
  samples: number[];
  probabilities: number[];
  templateIds: number[];
}

/** Starts the analysis; `onChunk` may cancel it through the handle it is given. */
export async function collectRun(request: AnalysisRequest, onChunk?: (chunk: AnalysedChunk, cancel: () => void) => void): Promise<CollectedRun> {
  const run: CollectedRun = { state: 'done', model: null, chunks: [], progress: [], samples: [], probabilities: [], templateIds: [] };
  let cancel = (): void => undefined;
  const handle = startAnalysis(request, {
    onModel: (info) => (run.model = info),
    onProgress: (p) => run.progress.push(p),
    onChunk: (chunk) => {
      run.chunks.push(chunk);
      run.samples.push(...chunk.samples);
      run.probabilities.push(...chunk.probabilities);
      run.templateIds.push(...chunk.templateIds);
      onChunk?.(chunk, cancel);
    },
  });
  cancel = handle.cancel;
  run.state = (await handle.done).state;
  return run;
}
