/**
 * The report form's fields prefilled from a WFDB header. Header comments carry the
 * patient's details in one of three conventions, all recognised here:
 *
 * - MIT-BIH Arrhythmia Database: the first comment is "<age> <sex> …" ("69 M 1085 1629 x1";
 *   the numbers after the sex identify the original analog tape, not the patient) and the
 *   second lists the medications ("Aldomet, Inderal", "None"); the rest are clinical notes.
 * - PTB Diagnostic ECG Database: one "key: value" per line ("age: 81", "sex: female",
 *   "Reason for admission: Myocardial infarction").
 * - Angle-bracket keys on one line, as in the St Petersburg INCART and other PhysioNet
 *   databases ("<age>: 60 <sex>: F <diagnoses>: (none) <medications>: (none)").
 *
 * Lines read into a field are not repeated in `comments`; every other line is kept there.
 */
import type { ReportFields } from '../../shared/report';

/** What the prefill reads from a header. */
export interface HeaderFacts {
  comments: readonly string[];
  /** The header's base time ("HH:MM:SS[.sss]") and date ("DD/MM/YYYY"), when given. */
  baseTime: string | null;
  baseDate: string | null;
}

type FieldKey = Exclude<keyof ReportFields, 'comments' | 'recordedAt'>;

/** Header keys (lower case) and the field each fills. */
const KEYS: Readonly<Record<string, FieldKey>> = {
  age: 'age',
  sex: 'sex',
  gender: 'sex',
  medication: 'medications',
  medications: 'medications',
  drugs: 'medications',
  diagnosis: 'indication',
  diagnoses: 'indication',
  indication: 'indication',
  'reason for admission': 'indication',
  name: 'patientName',
  'patient name': 'patientName',
  patient: 'patientName',
  'patient id': 'patientId',
  'patient number': 'patientId',
};

/** Values that mean "not known" in headers. */
const UNKNOWN = /^(\?+|n\/a|unknown|-)$/i;
const NONE = /^\(?none\)?$/i;

/** "M" / "male" → "Male", "F" / "female" → "Female", anything else as given. */
export function normaliseSex(value: string): string {
  const v = value.trim();
  if (/^(m|male)$/i.test(v)) return 'Male';
  if (/^(f|female)$/i.test(v)) return 'Female';
  return UNKNOWN.test(v) ? '' : v;
}

function cleanValue(key: FieldKey, raw: string): string {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (UNKNOWN.test(value)) return '';
  if (key === 'sex') return normaliseSex(value);
  if (NONE.test(value)) return key === 'medications' ? 'None' : '';
  return value;
}

/** Key-value pairs of an angle-bracket line ("<age>: 60 <sex>: F"), or null when it is not one. */
export function angleBracketPairs(line: string): [string, string][] | null {
  if (!/^\s*<[^>]+>\s*:/.test(line)) return null;
  const pairs: [string, string][] = [];
  for (const m of line.matchAll(/<([^>]+)>\s*:\s*([^<]*)/g)) pairs.push([(m[1] ?? '').trim().toLowerCase(), m[2] ?? '']);
  return pairs;
}

/** The [key, value] of a "key: value" line whose key is one the report knows, else null. */
export function knownKeyValue(line: string): [FieldKey, string] | null {
  const m = /^\s*([A-Za-z][A-Za-z .]{0,30}?)\s*:\s*(.*)$/.exec(line);
  const key = m ? KEYS[(m[1] ?? '').toLowerCase()] : undefined;
  return key && m ? [key, m[2] ?? ''] : null;
}

/** The age and sex of an MIT-BIH first comment line ("69 M 1085 1629 x1"), or null. */
export function mitBihPatient(line: string): { age: string; sex: string } | null {
  const m = /^\s*(\d{1,3}|\?+)\s+([MF?])(\s|$)/.exec(line);
  if (!m) return null;
  return { age: UNKNOWN.test(m[1] ?? '') ? '' : (m[1] ?? ''), sex: normaliseSex(m[2] ?? '') };
}

/** "HH:MM:SS DD/MM/YYYY" from the header's base time and date (either may be missing). */
export function recordedAt(baseTime: string | null, baseDate: string | null): string {
  const time = baseTime?.replace(/\.\d+$/, '') ?? '';
  return [time, baseDate ?? ''].filter((s) => s.length > 0).join(' ');
}

/** The form's fields as the header gives them; what the header does not say is left empty. */
export function prefillFields(header: HeaderFacts): ReportFields {
  const fields: ReportFields = {
    patientName: '',
    patientId: '',
    age: '',
    sex: '',
    medications: '',
    indication: '',
    recordedAt: recordedAt(header.baseTime, header.baseDate),
    comments: '',
  };
  const set = (key: FieldKey, raw: string): void => {
    const value = cleanValue(key, raw);
    if (value && !fields[key]) fields[key] = value;
  };
  const notes: string[] = [];
  const lines = header.comments.map((c) => c.trim()).filter((c) => c.length > 0);
  const mit = lines[0] === undefined ? null : mitBihPatient(lines[0]);
  lines.forEach((line, i) => {
    if (mit && i === 0) {
      set('age', mit.age);
      set('sex', mit.sex);
    } else if (mit && i === 1) {
      set('medications', line);
    } else {
      const pairs = angleBracketPairs(line);
      const keyValue = pairs ? null : knownKeyValue(line);
      if (pairs) {
        for (const [k, v] of pairs) if (KEYS[k] !== undefined) set(KEYS[k], v);
        // A line with other keys too ("<SPL>: 95 <age>: …") stays among the notes whole.
        if (pairs.some(([k]) => KEYS[k] === undefined)) notes.push(line);
      } else if (keyValue) set(keyValue[0], keyValue[1]);
      else notes.push(line);
    }
  });
  fields.comments = notes.join('\n');
  return fields;
}
