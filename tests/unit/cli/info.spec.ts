import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { countSymbols, formatDuration } from '../../../src/cli/commands/info';
import { runCliCaptured } from '../../support/run-cli';

const ROOT = resolve(__dirname, '../../..');
const RECORD = resolve(ROOT, 'resources/samples/100');

/**
 * Symbol counts of an MIT-format annotation file, decoded here without the WFDB library
 * (annot(5)): 16-bit little-endian words, code in bits 15–10; SKIP (59) is followed by a
 * 32-bit interval, AUX (63) by ⌈len/2⌉ words of text, NUM/SUB/CHN (60–62) carry no
 * annotation, and a zero word ends the file. Only the codes found in MIT-BIH files used
 * here are named (ecgcodes.h).
 */
function countAnnotationCodes(bytes: Buffer): Map<string, number> {
  const symbols: Record<number, string> = { 1: 'N', 2: 'L', 3: 'R', 4: 'a', 5: 'V', 6: 'F', 8: 'A', 11: 'j', 14: '~', 28: '+' };
  const counts = new Map<string, number>();
  for (let at = 0; at + 1 < bytes.length; ) {
    const word = bytes.readUInt16LE(at);
    const code = word >> 10;
    at += 2;
    if (word === 0) break;
    if (code === 59) at += 4;
    else if (code === 63) at += 2 * Math.ceil((word & 0x3ff) / 2);
    else if (code < 59) {
      const symbol = symbols[code] ?? `#${code}`;
      counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
  }
  return counts;
}

describe('formatDuration', () => {
  it('writes h:mm:ss and milliseconds only when there are some', () => {
    expect(formatDuration(650000 / 360)).toBe('0:30:05.556');
    expect(formatDuration(3 * 3600 + 62)).toBe('3:01:02');
  });
});

describe('countSymbols', () => {
  it('counts each symbol, most frequent first', () => {
    expect(countSymbols(['N', 'V', 'N', 'A', 'N', 'V'])).toEqual([
      ['N', 3],
      ['V', 2],
      ['A', 1],
    ]);
  });
});

describe('runCli', () => {
  it('prints the header fields of record 100 as its .hea gives them', async () => {
    const { status, out, err } = await runCliCaptured(['info', RECORD]);
    expect(err).toBe('');
    expect(status).toBe(0);
    const hea = (await readFile(`${RECORD}.hea`, 'latin1')).split(/\r?\n/).filter((l) => l !== '');
    const [name, nSig, fs, length] = (hea[0] as string).split(/\s+/);
    expect(out).toMatch(new RegExp(`^Record\\s+${name}$`, 'm'));
    expect(out).toMatch(new RegExp(`^Frequency\\s+${fs} Hz$`, 'm'));
    expect(out).toMatch(new RegExp(`^Length\\s+${formatDuration(Number(length) / Number(fs)).replace('.', '\\.')} \\(${length} frames\\)$`, 'm'));
    expect(out).toMatch(new RegExp(`^Signals\\s+${nSig}$`, 'm'));
    for (const line of hea.slice(1, 1 + Number(nSig))) {
      const [file, format, gain, , baseline, , , , description] = line.split(/\s+/);
      expect(out).toMatch(new RegExp(`^\\s+\\d\\s+${description}\\s+${format}\\s+${gain}\\s+mV\\s+${baseline}\\s+.*${file}$`, 'm'));
    }
    for (const comment of hea.filter((l) => l.startsWith('#'))) {
      expect(out).toContain(`  ${comment.slice(1).trim()}`);
    }
  });

  it('prints the annotation counts per symbol that the .atr file holds', async () => {
    const { out } = await runCliCaptured(['info', `${RECORD}.hea`]);
    const counts = countAnnotationCodes(await readFile(`${RECORD}.atr`));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const line = out.split('\n').find((l) => l.trim().startsWith('atr:')) ?? '';
    expect(line).toContain(`atr: ${total} (`);
    for (const [symbol, n] of counts) expect(line).toContain(`${symbol} ${n}`);
  });

  it('exits 1 with the typed error on stderr when the record does not exist', async () => {
    const { status, out, err } = await runCliCaptured(['info', resolve(ROOT, 'resources/samples/nope')]);
    expect(status).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('nope.hea');
  });

  it('exits 2 with the usage for a missing argument, an unknown option or command', async () => {
    for (const argv of [['info'], ['info', '--frobnicate', 'x'], ['frobnicate'], []]) {
      const { status, err } = await runCliCaptured(argv);
      expect(status).toBe(2);
      expect(err).toContain('Usage:');
    }
  });

  it('prints help and exits 0 for --help', async () => {
    expect(await runCliCaptured(['--help'])).toMatchObject({ status: 0, out: expect.stringContaining('info') });
    expect(await runCliCaptured(['info', '--help'])).toMatchObject({ status: 0, out: expect.stringContaining('Usage: rhythm-attention info') });
  });

  it('works as a process with the documented exit statuses', async () => {
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli/index.ts'), ...args], { cwd: ROOT }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const ok = await cli(['info', RECORD]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Record\s+100$/m);
    expect((await cli(['info'])).code).toBe(2);
    expect((await cli(['info', 'missing-record'])).code).toBe(1);
  }, 60_000);
});
