import { describe, expect, it } from 'vitest';
import { AppError, toErrorInfo } from '../../../src/shared/errors';

describe('toErrorInfo', () => {
  it('keeps an AppError code, message and detail', () => {
    expect(toErrorInfo(new AppError('ipc/invalid-argument', 'bad', { file: 'x' }))).toEqual({ code: 'ipc/invalid-argument', message: 'bad', detail: { file: 'x' } });
  });

  it('gives a plain Error and a thrown string as internal errors with their text', () => {
    expect(toErrorInfo(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toErrorInfo('boom')).toEqual({ code: 'internal', message: 'boom' });
  });

  it('does not throw for a thrown value that cannot be made text', () => {
    expect(toErrorInfo({ toString: [] })).toMatchObject({ code: 'internal', message: expect.stringContaining('no text form') });
    expect(toErrorInfo(Object.create(null))).toMatchObject({ code: 'internal' });
  });
});
