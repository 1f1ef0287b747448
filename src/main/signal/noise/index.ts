/**
 * Synthetic noise for noise stress tests of the detector and classifier: generators of the
 * four kinds (./generators), nst's SNR definition (./snr) and mixing at a target SNR under a
 * protocol (./mix). Used in memory only (`npm run eval:noise`); nothing is written to disk.
 */
export { generateNoise, NOISE_TYPES, type NoiseOptions, type NoiseType } from './generators';
export { gainForSnr, measureSnrDb, noisePower, qrsPeakToPeak, qrsSignalPower, trimmedMean, type TimeSpan } from './snr';
export { fullGainSpans, mixAtSnr, noiseEnvelope, nstProtocol, type MixedLead, type MixOptions, type ProtocolOptions } from './mix';
