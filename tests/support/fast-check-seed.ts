/**
 * Property tests draw their cases from one fixed seed, so a run on CI tests exactly what
 * passed here and a failure is reproducible. To explore new cases, run with FC_SEED set to
 * another integer (a failure prints the seed and path fast-check needs to replay it).
 */
import fc from 'fast-check';

const seed = Number.parseInt(process.env.FC_SEED ?? '', 10);
fc.configureGlobal({ seed: Number.isFinite(seed) ? seed : 20_261_122 });
