/**
 * Records known to come from one patient, so that a split by record can warn when a patient
 * lands in two sets (the evaluation would then be intra-patient for that patient).
 *
 * MIT-BIH Arrhythmia Database: "The recordings were from 47 subjects … Records 201 and 202
 * came from the same male subject" (PhysioNet, MIT-BIH Arrhythmia Database Directory,
 * "Introduction"; Moody & Mark 2001). Every other record is a patient of its own. Note that
 * the de Chazal DS1/DS2 split puts 201 in DS1 and 202 in DS2, so the standard inter-patient
 * protocol itself carries this one leak; the workbench reports it rather than hiding it.
 * Neither ../shared/docs/protocol.md nor the data README lists further pairs.
 */

/** Groups of record names from one patient, per database. */
export const SAME_PATIENT_GROUPS: Readonly<Record<'mitdb', readonly (readonly string[])[]>> = Object.freeze({
  mitdb: Object.freeze([Object.freeze(['201', '202'])]),
});

/**
 * The patient key of `record`: the first record of its group (e.g. '201' for 202) when the
 * folder is MIT-BIH, else the record name itself.
 */
export function patientOf(record: string, mitbih: boolean): string {
  if (!mitbih) return record;
  const group = SAME_PATIENT_GROUPS.mitdb.find((g) => g.includes(record));
  return group?.[0] ?? record;
}
