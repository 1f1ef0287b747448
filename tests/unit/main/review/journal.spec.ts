import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, JOURNAL_VERSION, readJournal, ReviewJournal, type JournalOp } from '../../../../src/main/review';
import { useTempDir } from '../../../support/temp-dir';
import { chunkOf } from './build';

const tempDir = useTempDir('ra-journal-');

const UNDO: Extract<JournalOp, { op: 'undo' | 'redo' }> = { op: 'undo', reviewer: 'Dr Test', at: '2025-01-01T00:00:00.000Z', audit: { seq: 2, description: 'undid: x' } };

function journalWith(path: string, count: number): ReviewJournal {
  const journal = new ReviewJournal(path, 0);
  for (let k = 0; k < count; k++) journal.append({ ...UNDO, audit: { seq: k + 1, description: `step ${k + 1}` } }, k % 2 === 0);
  return journal;
}

describe('encodeRecord / decodeRecord', () => {
  it('round-trips a chunk with its typed arrays bit for bit', () => {
    const chunk = chunkOf([360, 720], 'NV', { confidences: [0.7, 0.55] });
    const line = encodeRecord(7, { op: 'chunk', chunk });
    expect(line.endsWith('\n')).toBe(true);
    const decoded = decodeRecord(line.slice(0, -1));
    if (!('record' in decoded) || decoded.record.op !== 'chunk') throw new Error(JSON.stringify(decoded));
    expect(decoded.record).toMatchObject({ v: JOURNAL_VERSION, seq: 7 });
    const probabilities = decoded.record.chunk['probabilities'] as { t: string; b: string };
    expect(probabilities.t).toBe('f32');
    expect(new Float32Array(new Uint8Array(Buffer.from(probabilities.b, 'base64')).buffer)).toEqual(chunk.probabilities);
  });

  it('refuses a line whose checksum does not match, another version, or a record of no known kind', () => {
    const line = encodeRecord(1, UNDO).slice(0, -1);
    expect(decodeRecord(line.replace('Dr Test', 'Dr Tesu'))).toEqual({ problem: 'checksum mismatch' });
    expect(decodeRecord(line.slice(9))).toEqual({ problem: 'no checksum' });
    const other = encodeRecord(1, UNDO).replace(`"v":${JOURNAL_VERSION}`, '"v":2');
    const json = other.slice(9, -1);
    expect(decodeRecord(`${crc32(json).toString(16).padStart(8, '0')} ${json}`)).toEqual({ problem: 'journal version 2 (this code reads 1)' });
    const bad = '{"v":1,"seq":1,"op":"explode"}';
    expect(decodeRecord(`${crc32(bad).toString(16).padStart(8, '0')} ${bad}`)).toMatchObject({ problem: expect.stringMatching(/^not a journal record/) });
  });
});

describe('readJournal', () => {
  it('reads every record of a whole journal, and a missing file as empty', async () => {
    const path = join(tempDir(), 'r.json.journal');
    expect(readJournal(path)).toMatchObject({ records: [], stop: null });
    journalWith(path, 5).close();
    const read = readJournal(path);
    expect(read.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(read.stop).toBeNull();
    expect(read.validBytes).toBe((await readFile(path)).byteLength);
  });

  it('calls a cut last line torn and keeps the records before it', async () => {
    const path = join(tempDir(), 'r.json.journal');
    journalWith(path, 3).close();
    const whole = (await readFile(path)).byteLength;
    await appendFile(path, encodeRecord(4, UNDO).slice(0, 30));
    const read = readJournal(path);
    expect(read.records).toHaveLength(3);
    expect(read.stop).toEqual({ kind: 'torn', line: 4, problem: 'no line end' });
    expect(read.validBytes).toBe(whole);
  });

  it('calls a damaged line with records after it corrupt, and stops there', async () => {
    const path = join(tempDir(), 'r.json.journal');
    journalWith(path, 4).close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[1] = (lines[1] as string).replace('step 2', 'step 9');
    await writeFile(path, lines.join('\n'));
    const read = readJournal(path);
    expect(read.records.map((r) => r.seq)).toEqual([1]);
    expect(read.stop).toEqual({ kind: 'corrupt', line: 2, problem: 'checksum mismatch' });
  });
});

describe('ReviewJournal', () => {
  it('numbers records on from lastSeq and cuts bytes after validBytes when it opens', async () => {
    const path = join(tempDir(), 'r.json.journal');
    journalWith(path, 2).close();
    const valid = readJournal(path);
    await appendFile(path, 'garbage without a line end');
    const journal = new ReviewJournal(path, 2, valid.ends, valid.validBytes);
    expect(journal.append(UNDO, true)).toBe(3);
    journal.close();
    expect(readJournal(path)).toMatchObject({ stop: null, records: [{ seq: 1 }, { seq: 2 }, { seq: 3 }] });
  });

  it('drops the records up to a sequence number and keeps appending after the rest', () => {
    const path = join(tempDir(), 'r.json.journal');
    const journal = journalWith(path, 5);
    journal.compact(3);
    expect(readJournal(path).records.map((r) => r.seq)).toEqual([4, 5]);
    journal.append(UNDO, true);
    journal.compact(5);
    expect(readJournal(path).records.map((r) => r.seq)).toEqual([6]);
    journal.compact(6);
    expect(readJournal(path)).toMatchObject({ records: [], totalBytes: 0 });
    journal.append(UNDO, false);
    journal.close();
    expect(readJournal(path).records.map((r) => r.seq)).toEqual([7]);
  });
});
