import { describe, expect, it } from 'vitest';
import type { ReportFields } from '../../../../src/shared/report';
import { typedOver } from '../../../../src/renderer/src/stores/report';

const EMPTY: ReportFields = { patientName: '', patientId: '', age: '', sex: '', medications: '', indication: '', recordedAt: '', comments: '' };

describe('typedOver', () => {
  it('takes the draft where the reviewer typed nothing while it loaded, and keeps what they typed', () => {
    const draft = { ...EMPTY, age: '61', sex: 'Male', medications: 'Digoxin' };
    const now = { ...EMPTY, patientName: 'Jane Q. Example', sex: 'F' };
    expect(typedOver(draft, EMPTY, now)).toEqual({ ...draft, patientName: 'Jane Q. Example', sex: 'F' });
  });

  it('is the draft when nothing was typed', () => {
    const draft = { ...EMPTY, age: '61' };
    expect(typedOver(draft, { ...EMPTY, age: '40' }, { ...EMPTY, age: '40' })).toEqual(draft);
  });
});
