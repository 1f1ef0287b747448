/**
 * Both sides of the training presets: the research workbench's form (src/renderer/src/stores/
 * research-form.ts, which shows each preset's values) and the services' presets
 * (src/main/research/build-job.ts). Here, not under tests/unit/renderer, because it needs the
 * services (Node) as well as the renderer's plain functions.
 */
import { describe, expect, it } from 'vitest';
import { TRAINING_PRESETS, trainRequest, type SplitPlan } from '../../../src/shared/research';
import { buildTrainingJob } from '../../../src/main/research/build-job';
import { presetForm, toTrainRequest } from '../../../src/renderer/src/stores/research-form';

const zero = { N: 0, S: 0, V: 0, F: 0, Q: 0 };
const PLAN: SplitPlan = {
  kind: 'custom', train: ['101', '106'], validation: ['112'], test: ['119'],
  counts: { train: zero, validation: zero, test: zero }, warnings: [], description: 'custom split by record',
};

describe('presetForm', () => {
  it.each(TRAINING_PRESETS)('builds the same training job as the services\' preset %s', (preset) => {
    const fromForm = buildTrainingJob(trainRequest.parse(toTrainRequest(presetForm(preset), '/data', PLAN)), '/out', null);
    const split = { train: PLAN.train, validation: PLAN.validation, test: PLAN.test };
    const fromPreset = buildTrainingJob(trainRequest.parse({ name: 'my-model', folder: '/data', split, preset }), '/out', null);
    expect(fromForm.settings).toEqual(fromPreset.settings);
    expect(fromForm.model).toEqual(fromPreset.model);
    expect(fromForm.data.window).toEqual(fromPreset.data.window);
    expect(fromForm.data.filter).toEqual(fromPreset.data.filter);
  });
});
