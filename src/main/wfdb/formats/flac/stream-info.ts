/**
 * The FLAC stream marker and metadata blocks (RFC 9639, sections 6-8): "fLaC", then
 * blocks of [last-block flag: 1 bit][type: 7 bits][length: 24 bits][body]. The first
 * block must be STREAMINFO (type 0, 34 bytes); the others (padding, seek table, Vorbis
 * comment, ...) are skipped.
 */
import type { BitReader } from './bit-reader';

/** What STREAMINFO says about the whole stream. */
export interface StreamInfo {
  minBlockSize: number;
  maxBlockSize: number;
  sampleRate: number;
  /** 1..8 */
  channels: number;
  /** 4..32 */
  bitsPerSample: number;
  /** Inter-channel samples (samples per channel); 0 means unknown. */
  totalSamples: number;
}

const MARKER = 0x664c6143; // "fLaC"
const STREAMINFO = 0;
const INVALID_TYPE = 127;

/** Reads the marker and every metadata block; leaves `r` at the first frame. */
export function readStreamInfo(r: BitReader): StreamInfo {
  if (r.bytes.length < 8 || r.readUint(32) !== MARKER) r.fail('not a FLAC stream (no "fLaC" marker)');
  let info: StreamInfo | null = null;
  let last = false;
  while (!last) {
    last = r.readUint(1) === 1;
    const type = r.readUint(7);
    const length = r.readUint(24);
    const bodyStart = r.pos;
    if (length * 8 > r.remaining) r.fail(`metadata block of type ${type} runs past the end of the file`);
    if (info === null && type !== STREAMINFO) r.fail('the first metadata block is not STREAMINFO');
    if (type === INVALID_TYPE) r.fail('invalid metadata block type 127');
    if (type === STREAMINFO) {
      if (info !== null) r.fail('a second STREAMINFO block');
      if (length < 34) r.fail(`STREAMINFO is ${length} bytes, not 34`);
      info = readStreamInfoBody(r);
    }
    r.pos = bodyStart + length * 8;
  }
  if (info === null) r.fail('no STREAMINFO block');
  return info;
}

function readStreamInfoBody(r: BitReader): StreamInfo {
  const minBlockSize = r.readUint(16);
  const maxBlockSize = r.readUint(16);
  r.readUint(24); // minimum frame size
  r.readUint(24); // maximum frame size
  const sampleRate = r.readUint(20);
  const channels = r.readUint(3) + 1;
  const bitsPerSample = r.readUint(5) + 1;
  const totalSamples = r.readUint(36);
  // The MD5 signature of the unencoded audio follows; each frame's CRC-16 is checked instead.
  if (bitsPerSample < 4) r.fail(`STREAMINFO gives ${bitsPerSample} bits per sample (minimum 4)`);
  return { minBlockSize, maxBlockSize, sampleRate, channels, bitsPerSample, totalSamples };
}
