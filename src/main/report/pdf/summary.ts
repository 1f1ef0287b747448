/**
 * The first page's facts: the title, the patient and recording, the heart rate, the beats
 * per class with their burden, and the rhythm events counted by kind.
 */
import { BEAT_CLASS_COLORS } from '../../../shared/charts/beats';
import { formatSpan, irregularText, noiseText } from '../../../shared/charts/summary-text';
import { formatClock, formatWallClock } from '../../../shared/charts/time';
import { BEAT_LABELS, type BeatLabel, type RhythmEvent } from '../../../shared/review';
import { rankEvents } from '../candidates';
import type { ReportData } from '../report-data';
import { formatBpm, formatCount } from '../text';
import { drawTable, tableHeight, type Cell } from './table';
import { COLORS, SIZES, type ReportWriter } from './writer';

/** AAMI EC57 class names. */
export const CLASS_DESCRIPTIONS: Readonly<Record<BeatLabel, string>> = {
  N: 'Normal (incl. bundle branch block)',
  S: 'Supraventricular ectopic',
  V: 'Ventricular ectopic',
  F: 'Fusion of ventricular and normal',
  Q: 'Unclassifiable or paced',
};

/** A time in the record, with the wall-clock time when the header gives a base time. */
export function recordTime(sec: number, baseTimeSec: number | null): string {
  return baseTimeSec === null ? formatClock(sec) : `${formatClock(sec)} (${formatWallClock(baseTimeSec, sec)})`;
}

/** The report's title and what was analysed. */
export function drawTitle(w: ReportWriter, data: ReportData): void {
  const { marginPt, contentWidthPt } = w.box;
  w.style(SIZES.title, { bold: true });
  w.textAt('Ambulatory ECG report', marginPt, w.y + 4, contentWidthPt);
  w.y += 26;
  const { recording, summary } = data;
  w.style(SIZES.body, { color: COLORS.muted });
  const leads = recording.leads.length > 0 ? recording.leads.join(', ') : 'no signals';
  const what = `Record ${data.recordName}: ${formatClock(summary.analysedSec)} (h:mm:ss) analysed of ${formatClock(recording.durationSec)} recorded; ${recording.leads.length} leads (${leads}) at ${recording.frameRateHz} Hz. Every beat was detected and classified by the model, then reviewed.`;
  w.y += w.textAt(what, marginPt, w.y, contentWidthPt) + 4;
}

/** Label and value rows in two columns; returns the height used. */
function drawPairs(w: ReportWriter, x: number, widthPt: number, pairs: readonly [string, string][]): number {
  const labelPt = 88;
  let y = w.y;
  for (const [label, value] of pairs) {
    w.style(SIZES.body, { color: COLORS.muted });
    w.textAt(label, x, y, labelPt - 6);
    w.style(SIZES.body, { bold: true, color: value ? COLORS.ink : COLORS.muted });
    y += Math.max(13, w.textAt(value || 'not given', x + labelPt, y, widthPt - labelPt) + 3);
  }
  return y - w.y;
}

/** The patient's fields and the recording's facts, side by side. */
export function drawPatient(w: ReportWriter, data: ReportData): void {
  w.heading('Patient and recording', 90);
  const { fields, summary } = data;
  const { marginPt, contentWidthPt } = w.box;
  const half = contentWidthPt / 2;
  const left = drawPairs(w, marginPt, half - 12, [
    ['Patient', fields.patientName],
    ['Patient ID', fields.patientId],
    ['Age', fields.age],
    ['Sex', fields.sex],
    ['Medications', fields.medications],
    ['Indication', fields.indication],
  ]);
  const right = drawPairs(w, marginPt + half, half, [
    ['Record', data.recordName],
    ['Recorded at', fields.recordedAt],
    ['Analysed', `${formatClock(summary.analysedSec)} (h:mm:ss)`],
    ['Leads', data.recording.leads.join(', ')],
    ['Sampling rate', `${data.recording.frameRateHz} Hz`],
    ['Beats', formatCount(summary.total)],
    ['Noise', noiseText(summary.noise)],
    ['Irregular rhythm (AF?)', irregularText(summary.irregular)],
  ]);
  w.y += Math.max(left, right) + 2;
  if (fields.comments.trim()) {
    w.style(SIZES.body, { color: COLORS.muted });
    w.textAt('Comments', marginPt, w.y, 82);
    w.style(SIZES.body);
    const height = w.heightOf(fields.comments, contentWidthPt - 88);
    w.ensure(height);
    w.y += w.textAt(fields.comments, marginPt + 88, w.y, contentWidthPt - 88) + 4;
  }
}

/** Minimum, mean and maximum heart rate, and the longest RR interval. */
export function drawHeartRate(w: ReportWriter, data: ReportData): void {
  w.heading('Heart rate', 44);
  const { heartRate, longestRr } = data.summary;
  const base = data.recording.baseTimeSec;
  const { marginPt, contentWidthPt } = w.box;
  const boxes: [string, string, string][] = heartRate
    ? [
        ['Minimum', formatBpm(heartRate.minBpm), `at ${recordTime(heartRate.minAtSec, base)}`],
        ['Mean', formatBpm(heartRate.meanBpm), 'over the recording'],
        ['Maximum', formatBpm(heartRate.maxBpm), `at ${recordTime(heartRate.maxAtSec, base)}`],
        ['Longest RR', longestRr ? formatSpan(longestRr.durationSec) : 'none', longestRr ? `at ${recordTime(longestRr.startSec, base)}` : ''],
      ]
    : [['Heart rate', 'not computed', 'too few beats in every minute']];
  const width = contentWidthPt / boxes.length;
  boxes.forEach(([label, value, note], i) => {
    const x = marginPt + i * width;
    w.style(SIZES.small, { color: COLORS.muted });
    w.textAt(label.toUpperCase(), x, w.y, width - 8);
    w.style(14, { bold: true });
    w.textAt(value, x, w.y + 10, width - 8);
    w.style(SIZES.small, { color: COLORS.muted });
    w.textAt(note, x, w.y + 28, width - 8);
  });
  w.y += 40;
  w.style(SIZES.small, { color: COLORS.muted });
  w.y += w.textAt('Rates are means over 1-minute bins; minimum and maximum give the start of their minute.', marginPt, w.y, contentWidthPt) + 2;
}

/** Beats per AAMI class with burden (percent of all beats), then the total. */
export function drawCounts(w: ReportWriter, data: ReportData): void {
  w.heading('Beats by class', tableHeight(6));
  const { counts, burdenPercent, total } = data.summary;
  const rows: Cell[][] = BEAT_LABELS.map((label) => [
    { text: label, bold: true, color: BEAT_CLASS_COLORS[label], swatch: BEAT_CLASS_COLORS[label] },
    { text: CLASS_DESCRIPTIONS[label] },
    { text: formatCount(counts[label]) },
    { text: `${burdenPercent[label].toFixed(1)} %` },
  ]);
  rows.push([{ text: 'Total', bold: true }, { text: 'All beats analysed' }, { text: formatCount(total), bold: true }, { text: total > 0 ? '100.0 %' : '-' }]);
  const rest = w.box.contentWidthPt - 60 - 2 * 90;
  drawTable(w, [
    { title: 'Class', widthPt: 60 },
    { title: 'Description (AAMI EC57)', widthPt: rest },
    { title: 'Beats', widthPt: 90, align: 'right' },
    { title: 'Burden', widthPt: 90, align: 'right' },
  ], rows);
}

/** "Ventricular runs", "Supraventricular couplets", "Pauses of 2 s or longer", "Irregular rhythm …". */
export function eventKindName(event: Pick<RhythmEvent, 'kind' | 'ectopic'>): string {
  if (event.kind === 'pause') return 'Pauses of 2 s or longer';
  if (event.kind === 'irregular') return 'Irregular rhythm (AF or flutter?, by RR)';
  const who = event.ectopic === 'V' ? 'Ventricular' : 'Supraventricular';
  const what = { couplet: 'couplets (2 beats)', run: 'runs (3 or more beats)', bigeminy: 'bigeminy episodes', trigeminy: 'trigeminy episodes' }[event.kind];
  return `${who} ${what}`;
}

function longestText(event: RhythmEvent): string {
  const span = formatSpan(event.endSec - event.startSec);
  const size = event.kind === 'pause' ? span : event.kind === 'irregular' ? `${span}, ${event.beatCount} beats` : `${event.beatCount} beats`;
  return `${size} at ${formatClock(event.startSec)}`;
}

/**
 * Rhythm events counted by kind, most important first, with the longest and the first of
 * each; pauses always have a row (none found is a finding), with the longest RR interval.
 */
export function drawEventSummary(w: ReportWriter, data: ReportData): void {
  const groups = new Map<string, RhythmEvent[]>([[eventKindName({ kind: 'pause', ectopic: null }), []]]);
  for (const e of rankEvents(data.summary.events)) {
    const key = eventKindName(e);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  w.heading('Runs and pauses', tableHeight(groups.size));
  const base = data.recording.baseTimeSec;
  const { longestRr } = data.summary;
  const rows: Cell[][] = [...groups].map(([name, events]) => {
    const longest = events[0];
    if (!longest) {
      const rr = longestRr ? `none; longest RR ${formatSpan(longestRr.durationSec)} at ${formatClock(longestRr.startSec)}` : 'none';
      return [{ text: name }, { text: '0' }, { text: rr, color: COLORS.muted }, { text: '' }];
    }
    const first = events.reduce((a, b) => (b.startSec < a.startSec ? b : a));
    return [{ text: name, bold: longest.kind === 'pause' || (longest.kind === 'run' && longest.ectopic === 'V') }, { text: formatCount(events.length) }, { text: longestText(longest) }, { text: recordTime(first.startSec, base) }];
  });
  const width = w.box.contentWidthPt;
  drawTable(w, [
    { title: 'Kind', widthPt: width * 0.38 },
    { title: 'Episodes', widthPt: width * 0.12, align: 'right' },
    { title: 'Longest', widthPt: width * 0.32 },
    { title: 'First at', widthPt: width * 0.18 },
  ], rows);
}
