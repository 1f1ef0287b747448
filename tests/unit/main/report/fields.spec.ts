import { describe, expect, it } from 'vitest';
import { angleBracketPairs, knownKeyValue, mitBihPatient, normaliseSex, prefillFields, recordedAt } from '../../../../src/main/report/fields';

// Header comments as the records give them: MIT-BIH 213 and 232 (resources/samples/*.hea),
// PTB s0010_re and the angle-bracket style of wfdb-python's sample-data (test01_00s).
const MITDB_213 = ['61 M 2817 1629 x1', 'Digoxin', 'The PVCs are multiform and usually late-cycle, frequently resulting in', 'fusion PVCs.'];
const PTB = ['age: 81', 'sex: female', 'ECG date: 01/10/1990', 'Reason for admission: Myocardial infarction', 'Smoker: no'];
const ANGLE = ['<age>: 25  <sex>: M  <diagnoses>: (none)  <medications>: (none)'];
const none = { baseTime: null, baseDate: null };

describe('prefillFields', () => {
  it('reads age, sex and medications from MIT-BIH comments and keeps the notes', () => {
    const fields = prefillFields({ comments: MITDB_213, ...none });
    expect(fields).toMatchObject({ age: '61', sex: 'Male', medications: 'Digoxin', patientName: '', patientId: '', indication: '', recordedAt: '' });
    expect(fields.comments).toBe(`${MITDB_213[2]}\n${MITDB_213[3]}`);
  });

  it('reads key: value comments (PTB) and leaves unknown keys among the notes', () => {
    const fields = prefillFields({ comments: PTB, ...none });
    expect(fields).toMatchObject({ age: '81', sex: 'Female', indication: 'Myocardial infarction' });
    expect(fields.comments).toBe('ECG date: 01/10/1990\nSmoker: no');
  });

  it('reads angle-bracket comments, "(none)" medications as None and no diagnosis', () => {
    expect(prefillFields({ comments: ANGLE, ...none })).toMatchObject({ age: '25', sex: 'Male', medications: 'None', indication: '', comments: '' });
  });

  it('leaves unknown ages empty and fills the recording time from the header', () => {
    const fields = prefillFields({ comments: ['?? F 1234 x1'], baseTime: '10:05:03.250', baseDate: '01/02/2003' });
    expect(fields).toMatchObject({ age: '', sex: 'Female', recordedAt: '10:05:03 01/02/2003' });
  });

  it('gives empty fields for a header without comments', () => {
    expect(prefillFields({ comments: [], ...none })).toEqual({ patientName: '', patientId: '', age: '', sex: '', medications: '', indication: '', recordedAt: '', comments: '' });
  });
});

describe('mitBihPatient', () => {
  it('reads "<age> <sex>" at the start of a line and nothing else', () => {
    expect(mitBihPatient('69 M 1085 1629 x1')).toEqual({ age: '69', sex: 'Male' });
    expect(mitBihPatient('Aldomet, Inderal')).toBeNull();
    expect(mitBihPatient('1234 M x')).toBeNull();
  });
});

describe('angleBracketPairs', () => {
  it('splits a line of <key>: value pairs and returns null for other lines', () => {
    expect(angleBracketPairs('<age>: 60 <sex>: F')).toEqual([['age', '60 '], ['sex', 'F']]);
    expect(angleBracketPairs('age: 60')).toBeNull();
  });
});

describe('knownKeyValue', () => {
  it('maps known keys to fields and ignores others', () => {
    expect(knownKeyValue('Medications: Aspirin')).toEqual(['medications', 'Aspirin']);
    expect(knownKeyValue('Smoker: no')).toBeNull();
  });
});

describe('normaliseSex', () => {
  it('spells out M and F and drops unknowns', () => {
    expect([normaliseSex('m'), normaliseSex('FEMALE'), normaliseSex('?'), normaliseSex('other')]).toEqual(['Male', 'Female', '', 'other']);
  });
});

describe('recordedAt', () => {
  it('joins what the header gives', () => {
    expect(recordedAt('08:00:00', null)).toBe('08:00:00');
    expect(recordedAt(null, '25/12/1990')).toBe('25/12/1990');
    expect(recordedAt(null, null)).toBe('');
  });
});
