/**
 * A small RFC 4180 reader for the tests of the CSV exports: records end in CRLF (a lone LF
 * is accepted too), fields are separated by commas, and a quoted field may hold commas,
 * CR, LF and doubled quotes. Written from the RFC's grammar, not from the writer under test.
 */

/** The records of `text`, each a list of fields. A final line end does not start a record. */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else if (ch === '"') {
      throw new Error(`a quote inside an unquoted field at ${i}`);
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) throw new Error('an unclosed quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
