import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordingInfo } from '../../../../src/shared/domain';
import { chooseHeader, receiveUpload, requiredFiles, uploadPath } from '../../../../src/main/services/upload';
import { useTempDir } from '../../../support/temp-dir';

const SAMPLES = resolve(__dirname, '../../../../resources/samples');

const dataDir = useTempDir('ra-upload-');

const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'latin1') });
const b64 = (name: string, bytes: Buffer) => ({ name, dataBase64: bytes.toString('base64') });

describe('uploadPath', () => {
  it('accepts a plain file name inside the folder', () => {
    expect(uploadPath('/data/up/x', '100.hea')).toBe(resolve('/data/up/x/100.hea'));
  });

  it.each(['../100.hea', '..', '.', 'a/b.dat', 'a\\b.dat', 'C:evil', '100.hea:stream', 'nul\u0000.dat', '', 'x'.repeat(256)])(
    'refuses %j',
    (name) => {
      expect(() => uploadPath('/data/up/x', name)).toThrow(expect.objectContaining({ code: 'ipc/invalid-argument' }));
    },
  );
});

describe('chooseHeader', () => {
  it('throws file/not-found when no header was uploaded', () => {
    expect(() => chooseHeader([file('100.dat', '')])).toThrow(expect.objectContaining({ code: 'file/not-found' }));
  });

  it('picks the multi-segment header among several headers', () => {
    const files = [file('multi.hea', 'multi/2 1 360 20\nseg1 10\nseg2 10\n'), file('seg1.hea', 'seg1 1 360 10\nseg1.dat 16 200 16 0 0 0 0 x\n')];
    expect(chooseHeader(files)).toBe('multi.hea');
  });

  it('refuses two single-segment records sent together', () => {
    expect(() => chooseHeader([file('a.hea', 'a 1 360\n'), file('b.hea', 'b 1 360\n')])).toThrow(expect.objectContaining({ code: 'ipc/invalid-argument' }));
  });
});

describe('requiredFiles', () => {
  it('lists the signal files a header names, once per line, skipping null signals', () => {
    const files = [file('r.hea', 'r 3 360 10\nr.dat 16 200 16 0 0 0 0 a\nr.dat 16 200 16 0 0 0 0 b\n~ 0 200 16 0 0 0 0 c\n')];
    expect(requiredFiles(files, 'r.hea')).toEqual(['r.dat', 'r.dat']);
  });
});

describe('receiveUpload', () => {
  async function upload(names: string[]): Promise<RecordingInfo> {
    const files = await Promise.all(names.map(async (n) => b64(n, await readFile(join(SAMPLES, n)))));
    return receiveUpload(dataDir(), files, async (headerPath) => ({ path: headerPath }) as RecordingInfo);
  }

  it('writes the files into a fresh folder under uploads/ and opens the header there', async () => {
    const info = await upload(['100.hea', '100.dat', '100.atr']);
    const [folder] = await readdir(join(dataDir(), 'uploads'));
    expect(info.path).toBe(join(dataDir(), 'uploads', folder as string, '100.hea'));
    const written = await readFile(join(dataDir(), 'uploads', folder as string, '100.dat'));
    expect(written.equals(await readFile(join(SAMPLES, '100.dat')))).toBe(true);
  });

  it('names the missing signal file and writes nothing when it was not uploaded', async () => {
    await expect(upload(['100.hea', '100.atr'])).rejects.toMatchObject({ code: 'wfdb/missing-file', message: expect.stringContaining('100.dat') });
    await expect(readdir(join(dataDir(), 'uploads'))).rejects.toThrow();
  });

  it('removes the folder again when the record fails to open', async () => {
    const files = [b64('100.hea', await readFile(join(SAMPLES, '100.hea'))), b64('100.dat', Buffer.alloc(3))];
    await expect(
      receiveUpload(dataDir(), files, async () => {
        throw new Error('cannot open');
      }),
    ).rejects.toThrow('cannot open');
    expect(await readdir(join(dataDir(), 'uploads'))).toEqual([]);
  });

  it('refuses duplicate names and invalid base64', async () => {
    const open = async () => ({}) as RecordingInfo;
    await expect(receiveUpload(dataDir(), [{ name: 'a.hea', dataBase64: '' }, { name: 'a.hea', dataBase64: '' }], open)).rejects.toMatchObject({ code: 'ipc/invalid-argument' });
    await expect(receiveUpload(dataDir(), [{ name: 'a.hea', dataBase64: '$$$' }], open)).rejects.toMatchObject({ code: 'ipc/invalid-argument' });
  });
});
