/**
 * A minimal PNG reader for tests that look at rendered pages (pdftoppm output): 8-bit
 * grayscale or RGB, not interlaced (PNG spec, ISO/IEC 15948: IHDR, IDAT zlib stream,
 * per-row filters 0–4). Returns one gray level per pixel.
 */
import { inflateSync } from 'node:zlib';

/** A decoded image: width × height gray levels (0 black … 255 white), row by row. */
export interface GrayImage {
  width: number;
  height: number;
  gray: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes `png`. @throws Error for a PNG this reader does not handle */
export function readGrayPng(png: Uint8Array): GrayImage {
  const view = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  let [width, height, channels] = [0, 0, 0];
  const idat: Buffer[] = [];
  for (let at = 8; at < view.length; ) {
    const length = view.readUInt32BE(at);
    const type = view.toString('latin1', at + 4, at + 8);
    const data = view.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      const [depth, colour, interlace] = [data[8], data[9], data[12]];
      if (depth !== 8 || (colour !== 0 && colour !== 2) || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 0 ? 1 : 3;
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter] ?? 0;
      pixels[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  if (channels === 1) return { width, height, gray: pixels };
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round(((pixels[3 * i] as number) + (pixels[3 * i + 1] as number) + (pixels[3 * i + 2] as number)) / 3);
  return { width, height, gray };
}

/** Fraction of pixels darker than `level` (ink on a page). */
export function inkFraction(image: GrayImage, level = 200): number {
  let n = 0;
  for (const g of image.gray) if (g < level) n++;
  return n / image.gray.length;
}
