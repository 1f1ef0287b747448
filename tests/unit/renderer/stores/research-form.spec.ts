import { describe, expect, it } from 'vitest';
import { TRAINING_PRESETS, type SplitPlan } from '../../../../src/shared/research';
import { planProblem, presetForm, requestProblem, toTrainRequest, validateForm } from '../../../../src/renderer/src/stores/research-form';

const zero = { N: 0, S: 0, V: 0, F: 0, Q: 0 };
const PLAN: SplitPlan = {
  kind: 'custom', train: ['101', '106'], validation: ['112'], test: ['119'],
  counts: { train: zero, validation: zero, test: zero }, warnings: [], description: 'custom split by record',
};

describe('presetForm', () => {
  it('keeps the name, backend and beat cap when another preset is applied', () => {
    const before = { ...presetForm('default-model'), name: 'mine', backend: 'cpu' as const, maxBeatsPerRecord: 300 };
    const after = presetForm('seed-002', before);
    expect(after).toMatchObject({ name: 'mine', backend: 'cpu', maxBeatsPerRecord: 300, preset: 'seed-002', architecture: 'cnn-bigru-attention' });
  });
});

describe('validateForm', () => {
  it('finds nothing wrong with any preset', () => {
    for (const p of TRAINING_PRESETS) expect(validateForm(presetForm(p))).toEqual({});
  });

  it('names each bad field with what is wrong', () => {
    const errors = validateForm({ ...presetForm('default-model'), name: '  ', epochs: 0, batchSize: 2.5, learningRate: NaN, seed: -1 });
    expect(errors.name).toMatch(/required/);
    expect(errors.epochs).toMatch(/between 1 and 1000/);
    expect(errors.batchSize).toMatch(/whole number/);
    expect(errors.learningRate).toMatch(/number/);
    expect(errors.seed).toMatch(/between 0/);
  });

  it('accepts null for the settings that may be left empty and refuses a name with a slash', () => {
    const errors = validateForm({ ...presetForm('seed-002'), name: 'a/b', stepsPerEpoch: null, patience: null, maxBeatsPerRecord: null });
    expect(Object.keys(errors)).toEqual(['name']);
  });
});

describe('planProblem', () => {
  it('asks for a plan, training records and validation records in turn', () => {
    expect(planProblem(null)).toMatch(/scan a folder/);
    expect(planProblem({ ...PLAN, train: [] })).toMatch(/no training records/);
    expect(planProblem({ ...PLAN, validation: [] })).toMatch(/no validation records/);
    expect(planProblem(PLAN)).toBeNull();
  });
});

describe('toTrainRequest', () => {
  it('sends the plan\'s records and description and a trimmed name, which the contract accepts', () => {
    const request = toTrainRequest({ ...presetForm('default-model'), name: ' run 1 ' }, '/data/mitdb', PLAN);
    expect(request).toMatchObject({ name: 'run 1', folder: '/data/mitdb', split: { train: ['101', '106'], validation: ['112'], test: ['119'], description: PLAN.description } });
    expect(requestProblem(request)).toBeNull();
  });
});

describe('requestProblem', () => {
  it('names the field the contract refuses', () => {
    expect(requestProblem(toTrainRequest({ ...presetForm('default-model'), batchSize: 0 }, '/d', PLAN))).toMatch(/^batchSize/);
  });
});
