/**
 * FLAC subframes (RFC 9639, section 9.2): one per channel per frame.
 *
 * ```
 *   1 bit   zero padding
 *   6 bits  type: 000000 CONSTANT, 000001 VERBATIM, 001xxx FIXED (order xxx <= 4),
 *                 1xxxxx LPC (order xxxxx + 1), others reserved
 *   1 bit   wasted-bits flag, then (k - 1) as a unary code: every sample was shifted
 *           left by k, so it is coded with k fewer bits and shifted back after decoding
 * ```
 *
 * Predictor arithmetic runs in doubles: with at most 25-bit samples (24 + 1 for a side
 * channel), 15-bit coefficients and order 32, every LPC sum stays below 2^53, so it is
 * exact; `Math.floor(sum / 2^shift)` is the spec's arithmetic right shift.
 */
import type { BitReader } from './bit-reader';

/**
 * Decodes one subframe of `blockSize` samples of `bitsPerSample` bits into
 * `out[0, blockSize)`.
 */
export function readSubframe(r: BitReader, out: Int32Array, blockSize: number, bitsPerSample: number): void {
  if (r.readUint(1) !== 0) r.fail('subframe padding bit is set');
  const type = r.readUint(6);
  const wasted = r.readUint(1) === 1 ? r.readUnary() + 1 : 0;
  const bps = bitsPerSample - wasted;
  if (bps < 1) r.fail(`subframe wastes ${wasted} of ${bitsPerSample} bits`);
  if (type === 0) {
    out.fill(r.readSigned(bps), 0, blockSize);
  } else if (type === 1) {
    for (let i = 0; i < blockSize; i++) out[i] = r.readSigned(bps);
  } else if (type >= 8 && type <= 12) {
    readFixed(r, out, blockSize, bps, type - 8);
  } else if (type >= 32) {
    readLpc(r, out, blockSize, bps, type - 31);
  } else {
    r.fail(`reserved subframe type ${type}`);
  }
  if (wasted > 0) {
    const scale = 2 ** wasted;
    for (let i = 0; i < blockSize; i++) out[i] = out[i]! * scale;
  }
}

function readWarmUp(r: BitReader, out: Int32Array, blockSize: number, bps: number, order: number): void {
  if (order > blockSize) r.fail(`predictor order ${order} exceeds block size ${blockSize}`);
  for (let i = 0; i < order; i++) out[i] = r.readSigned(bps);
}

/** FIXED predictors of order 0-4: polynomial extrapolation from the previous samples. */
function readFixed(r: BitReader, out: Int32Array, blockSize: number, bps: number, order: number): void {
  readWarmUp(r, out, blockSize, bps, order);
  readResidual(r, out, blockSize, order);
  const s = out;
  switch (order) {
    case 1:
      for (let i = 1; i < blockSize; i++) s[i] = s[i]! + s[i - 1]!;
      break;
    case 2:
      for (let i = 2; i < blockSize; i++) s[i] = s[i]! + 2 * s[i - 1]! - s[i - 2]!;
      break;
    case 3:
      for (let i = 3; i < blockSize; i++) s[i] = s[i]! + 3 * s[i - 1]! - 3 * s[i - 2]! + s[i - 3]!;
      break;
    case 4:
      for (let i = 4; i < blockSize; i++) s[i] = s[i]! + 4 * s[i - 1]! - 6 * s[i - 2]! + 4 * s[i - 3]! - s[i - 4]!;
      break;
    default: // order 0: the residual is the signal
  }
}

/**
 * LPC: after the warm-up samples, 4 bits coefficient precision - 1 (15 is invalid),
 * 5 bits signed shift (negative is invalid), `order` signed coefficients, residual.
 * Sample i = residual i + (sum of coef[j] * sample[i - 1 - j]) >> shift.
 */
function readLpc(r: BitReader, out: Int32Array, blockSize: number, bps: number, order: number): void {
  readWarmUp(r, out, blockSize, bps, order);
  const precision = r.readUint(4) + 1;
  if (precision === 16) r.fail('invalid LPC coefficient precision');
  const shift = r.readSigned(5);
  if (shift < 0) r.fail(`negative LPC shift ${shift}`);
  const coef = new Float64Array(order);
  for (let j = 0; j < order; j++) coef[j] = r.readSigned(precision);
  readResidual(r, out, blockSize, order);
  const divisor = 2 ** shift;
  for (let i = order; i < blockSize; i++) {
    let sum = 0;
    for (let j = 0; j < order; j++) sum += coef[j]! * out[i - 1 - j]!;
    out[i] = out[i]! + Math.floor(sum / divisor);
  }
}

/**
 * Residual (RFC 9639, section 9.2.7): 2 bits coding method (0: 4-bit Rice parameters,
 * 1: 5-bit; 2-3 reserved), 4 bits partition order p, then 2^p partitions of
 * blockSize / 2^p residuals (the first one `order` fewer). Each partition starts with its
 * Rice parameter; the all-ones parameter is an escape: 5 bits n, then residuals as
 * n-bit signed integers. Residuals land in out[order, blockSize).
 */
function readResidual(r: BitReader, out: Int32Array, blockSize: number, order: number): void {
  const method = r.readUint(2);
  if (method > 1) r.fail(`reserved residual coding method ${method}`);
  const paramBits = method === 0 ? 4 : 5;
  const escape = (1 << paramBits) - 1;
  const partitionOrder = r.readUint(4);
  const perPartition = blockSize >>> partitionOrder;
  if (perPartition << partitionOrder !== blockSize || perPartition < order) {
    r.fail(`partition order ${partitionOrder} does not fit block size ${blockSize} and order ${order}`);
  }
  let at = order;
  for (let p = 0; p < 1 << partitionOrder; p++) {
    const count = p === 0 ? perPartition - order : perPartition;
    const param = r.readUint(paramBits);
    if (param === escape) {
      const bits = r.readUint(5);
      for (let i = 0; i < count; i++) out[at + i] = r.readSigned(bits);
    } else {
      r.readRice(out, at, count, param);
    }
    at += count;
  }
}
