/**
 * The PDF report of sample 213 (resources/samples, MIT-BIH record 213) through the services
 * with the real analysis (default model, wasm backend): refused while the analysis runs,
 * drafted from the header, then written signed and unsigned and checked the way a reader
 * would: its text (pdftotext) holds the patient fields sent, the per-class counts of
 * review:summary, the model, the sign-off and "page X of Y"; every page renders (pdftoppm)
 * and has ink on it; on request the strips carry the Grad-CAM heatmap. The same report through the CLI reuses the saved review.
 * Needs poppler-utils (pdftotext, pdftoppm); skipped, saying so, without them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BEAT_LABELS, type ReviewSummary } from '../../../src/shared/review';
import type { ExportedFile } from '../../../src/shared/report';
import { disposeAnalysisWorkers } from '../../../src/main/analysis';
import { createServices, type Services } from '../../../src/main/services';
import { CLASS_DESCRIPTIONS } from '../../../src/main/report/pdf/summary';
import { inkFraction, readGrayPng } from '../../support/png';
import { runCliCaptured } from '../../support/run-cli';
import { useTempDir } from '../../support/temp-dir';

const RESOURCES = resolve(__dirname, '../../../resources');
const SAMPLE_213 = join(RESOURCES, 'samples', '213.hea');
const poppler = ['pdftotext', 'pdftoppm'].every((tool) => spawnSync(tool, ['-v']).error === undefined);
if (!poppler) console.warn('tests/dataset/report: skipped, poppler-utils (pdftotext, pdftoppm) is not installed');

const FIELDS = { patientName: 'Test Patient 213', patientId: 'RA-0213', indication: 'Palpitations and dizziness' };

/** The text of each page of `pdf` (pdftotext separates pages with a form feed). */
function pageTexts(pdf: string): string[] {
  const out = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`);
  return out.stdout.split('\f').slice(0, -1);
}

/** The count printed in the "Beats by class" row of `label`. */
function printedCount(text: string, label: string, description: string): number | null {
  const escaped = description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^\\s*${label}\\s+${escaped}\\s+([\\d,]+)\\s`, 'm').exec(text);
  return m ? Number((m[1] ?? '').replace(/,/g, '')) : null;
}

describe.skipIf(!poppler)('the PDF report of sample 213', () => {
  const dir = useTempDir('ra-report-213-', 'suite');
  let services: Services;
  let recordingId = '';
  afterAll(() => disposeAnalysisWorkers());
  beforeAll(() => {
    services = createServices({ dataDir: join(dir(), 'data'), resourcesDir: RESOURCES, transport: 'loopback', version: '9.8.7', mlBackend: 'wasm' });
  });

  it('refuses a report while the analysis is running', async () => {
    recordingId = (await services.handlers['recording:open']({ path: SAMPLE_213 })).id;
    await services.handlers['review:start']({ recordingId });
    const draft = await services.handlers['report:draft']({ recordingId });
    expect(draft.analysisDone).toBe(false);
    const request = { recordingId, fields: draft.fields, stripIds: [], signOff: { reviewer: 'x', conclusion: '', signed: false } };
    await expect(services.handlers['report:create'](request)).rejects.toMatchObject({ code: 'review/incomplete', message: expect.stringContaining('213: cannot make the report') });
  });

  it('prefills the draft from the header and offers the first beat of each class', async () => {
    await vi.waitFor(async () => expect((await services.handlers['review:status']({ recordingId })).state).toBe('done'), { timeout: 300_000, interval: 250 });
    const draft = await services.handlers['report:draft']({ recordingId });
    const summary = await services.handlers['review:summary']({ recordingId });
    expect(draft.analysisDone).toBe(true);
    // Header of 213: "# 61 M 2817 1629 x1", "# Digoxin", then notes on the PVCs.
    expect(draft.fields).toMatchObject({ age: '61', sex: 'Male', medications: 'Digoxin' });
    expect(draft.fields.comments).toContain('The PVCs are multiform');
    const present = BEAT_LABELS.filter((l) => summary.counts[l] > 0);
    expect(draft.candidates.filter((c) => c.kind === 'first-of-class').map((c) => c.label)).toEqual(present);
    expect(draft.candidates.filter((c) => c.selected).length).toBeGreaterThan(0);
  });

  async function create(signed: boolean): Promise<{ file: ExportedFile; pdf: string; summary: ReviewSummary }> {
    const draft = await services.handlers['report:draft']({ recordingId });
    const stripIds = draft.candidates.filter((c) => c.selected).map((c) => c.id);
    const signOff = { reviewer: 'Dr Ada Reviewer', conclusion: 'Sinus tachycardia with frequent multiform ventricular ectopy.', signed };
    const file = await services.handlers['report:create']({ recordingId, fields: { ...draft.fields, ...FIELDS }, stripIds, signOff });
    const pdf = join(dir(), signed ? 'signed.pdf' : 'draft.pdf');
    spawnSync('cp', [file.path, pdf]);
    return { file, pdf, summary: await services.handlers['review:summary']({ recordingId }) };
  }

  it('writes a signed PDF holding the fields, the counts, the model and the sign-off', async () => {
    const [first] = await services.handlers['review:beats']({ recordingId, startSec: 0, endSec: 5 });
    await services.handlers['review:edit']({ recordingId, edit: { kind: 'relabel', beatIds: [first?.id ?? 0], label: 'N' } });
    const { file, pdf, summary } = await create(true);
    expect(file.fileName).toMatch(/^213-report-\d{8}-\d{6}\.pdf$/);
    expect(file.path).toBe(join(dir(), 'data', 'exports', file.fileName));
    const bytes = readFileSync(file.path);
    expect(Buffer.from(file.dataBase64, 'base64').equals(bytes)).toBe(true);
    expect(file.sizeBytes).toBe(bytes.length);
    const pages = pageTexts(pdf);
    const text = pages.join('\n');
    for (const value of Object.values(FIELDS)) expect(text).toContain(value);
    for (const label of BEAT_LABELS) expect(printedCount(text, label, CLASS_DESCRIPTIONS[label]), label).toBe(summary.counts[label]);
    const { model } = await services.handlers['review:status']({ recordingId });
    expect(text).toContain(`${model?.name}, version ${model?.version}`);
    expect(text).toContain('wasm');
    expect(text).toContain('Dr Ada Reviewer');
    expect(text).toContain('1 edit,');
    expect(text).not.toContain('DRAFT');
    pages.forEach((page, i) => {
      expect(page).toContain(`page ${i + 1} of ${pages.length}`);
      expect(page).toContain('Record 213');
    });
    expect(text).toContain(`Strip 1 of ${(await services.handlers['report:draft']({ recordingId })).candidates.filter((c) => c.selected).length}`);
  });

  it('renders every page of the signed PDF with ink on it, the strip pages on ECG paper', () => {
    const pdf = join(dir(), 'signed.pdf');
    const count = pageTexts(pdf).length;
    const prefix = join(dir(), 'page');
    expect(spawnSync('pdftoppm', ['-r', '60', '-png', '-gray', pdf, prefix]).status).toBe(0);
    const pngs = readdirSync(dir()).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    expect(pngs).toHaveLength(count);
    for (const png of pngs) {
      const image = readGrayPng(readFileSync(join(dir(), png)));
      expect(inkFraction(image), png).toBeGreaterThan(0.005);
      // Landscape pages hold strips: the paper's grid covers much of them.
      if (image.width > image.height) expect(inkFraction(image, 250), png).toBeGreaterThan(0.3);
    }
  });

  it('marks every page of an unsigned report as a DRAFT', async () => {
    const { pdf } = await create(false);
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(page).toContain('DRAFT - NOT SIGNED');
  });

  it('refuses a strip the draft did not offer', async () => {
    const draft = await services.handlers['report:draft']({ recordingId });
    const request = { recordingId, fields: draft.fields, stripIds: ['no-such-strip'], signOff: { reviewer: 'x', conclusion: '', signed: false } };
    await expect(services.handlers['report:create'](request)).rejects.toMatchObject({ code: 'ipc/invalid-argument' });
  });

  it('draws the Grad-CAM heatmap behind the sample strips on request, named in the legend', async () => {
    const draft = await services.handlers['report:draft']({ recordingId });
    const v = draft.candidates.find((c) => c.kind === 'first-of-class' && c.label === 'V');
    expect(v).toBeDefined();
    const signOff = { reviewer: 'Dr Ada Reviewer', conclusion: '', signed: true };
    const write = async (stripHeatmap: 'none' | 'grad-cam') => {
      const file = await services.handlers['report:create']({ recordingId, fields: draft.fields, stripIds: [v!.id], stripHeatmap, signOff });
      const pdf = join(dir(), `strips-${stripHeatmap}.pdf`);
      spawnSync('cp', [file.path, pdf]);
      const pages = pageTexts(pdf);
      const last = pages.length;
      expect(spawnSync('pdftoppm', ['-r', '60', '-png', '-gray', '-f', `${last}`, '-l', `${last}`, '-singlefile', pdf, join(dir(), `strips-${stripHeatmap}`)]).status).toBe(0);
      return { text: pages[last - 1] ?? '', image: readGrayPng(readFileSync(join(dir(), `strips-${stripHeatmap}.png`))) };
    };
    const [none, gradCam] = [await write('none'), await write('grad-cam')];
    expect(gradCam.text).toContain('Grad-CAM: where the model looked');
    expect(none.text).not.toContain('Grad-CAM');
    // The heatmap's translucent columns darken the paper in grey print; the trace stays on top.
    const mean = (g: Uint8Array) => g.reduce((a, b) => a + b, 0) / g.length;
    expect(gradCam.image.gray.length).toBe(none.image.gray.length);
    expect(mean(none.image.gray) - mean(gradCam.image.gray)).toBeGreaterThan(1);
    expect(inkFraction(gradCam.image, 120)).toBeGreaterThan(0.5 * inkFraction(none.image, 120));
  });

  it('writes the same report from the CLI, reusing the saved review', async () => {
    await services.close();
    const out = join(dir(), 'cli.pdf');
    const run = await runCliCaptured(['report', SAMPLE_213, '--out', out, '--data-dir', join(dir(), 'data'), '--sign', 'Dr Cli Reviewer', '--field', 'patientId=CLI-7', '--backend', 'wasm']);
    expect(run.err + run.out).not.toContain('rhythm-attention report: [');
    expect(run.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    const text = pageTexts(out).join('\n');
    expect(text).toContain('Dr Cli Reviewer');
    expect(text).toContain('CLI-7');
    // The edit made above was saved with the review and restored by the CLI's services.
    expect(text).toContain('1 edit,');
  });
});
