import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { jobFrom, syntheticCountOption } from '../../../src/cli/commands/train';
import { RR_FEATURE_NAMES } from '../../../src/main/signal/rr-features';

describe('jobFrom', () => {
  it('feeds every RR feature and the default hyper-parameters when no option is given', () => {
    const job = jobFrom({});
    expect(job.model.rrFeatures).toEqual([...RR_FEATURE_NAMES]);
    expect(job.model.hyper['dropout']).toBe(0.3);
  });

  it('feeds only the RR features named by --rr-features, in that order', () => {
    const job = jobFrom({ 'rr-features': 'prevOverLocal, prevOverRecord' });
    expect(job.model.rrFeatures).toEqual(['prevOverLocal', 'prevOverRecord']);
  });

  it('keeps the RR input off with --no-rr even when --rr-features is given', () => {
    expect(jobFrom({ 'no-rr': true, 'rr-features': 'prevOverLocal' }).model.rrFeatures).toEqual([]);
  });

  it('caps the class weights at --class-weight-cap, which must be positive', () => {
    expect(jobFrom({}).settings.classWeightCap).toBe(50);
    expect(jobFrom({ 'class-weight-cap': '10' }).settings.classWeightCap).toBe(10);
    for (const bad of ['0', '-1', 'x']) expect(() => jobFrom({ 'class-weight-cap': bad })).toThrow(/classWeightCap|--class-weight-cap/);
  });

  it('merges --hyper into the defaults', () => {
    const job = jobFrom({ hyper: 'dropout=0.5,denseUnits=64' });
    expect(job.model.hyper).toMatchObject({ dropout: 0.5, denseUnits: 64, heads: 4 });
  });

  it('refuses an unknown RR feature or a malformed --hyper pair', () => {
    expect(() => jobFrom({ 'rr-features': 'prevOverLocal,bogus' })).toThrow(/--rr-features/);
    expect(() => jobFrom({ hyper: 'dropout' })).toThrow(/--hyper/);
    expect(() => jobFrom({ hyper: 'dropout=x' })).toThrow(/--hyper/);
    expect(() => jobFrom({ hyper: 'bogus=1' })).toThrow(/bogus/);
  });

  it('asks for synthetic beats from the GAN folder, seeded by the training seed, only with --synthetic', () => {
    const job = jobFrom({ synthetic: 'gan', 'synthetic-count': 'S=2000, F=1000', seed: '7' });
    expect(job.data.synthetic).toEqual({ ganDir: resolve('gan'), counts: { S: 2000, F: 1000 }, seed: 7 });
    expect(jobFrom({}).data.synthetic).toBeUndefined();
    expect(() => jobFrom({ synthetic: 'gan' })).toThrow(/go together/);
    expect(() => jobFrom({ 'synthetic-count': 'S=1' })).toThrow(/go together/);
  });

  it('takes the centred-180 window for any architecture', () => {
    const job = jobFrom({ arch: 'cnn-bigru-attention', window: 'centred-180' });
    expect([job.model.windowLength, job.model.windowRateHz, job.data.window.length, job.data.window.rateHz]).toEqual([180, 180, 180, 180]);
    expect(jobFrom({ arch: 'cnn-bigru-attention' }).model.windowLength).toBe(360);
  });
});

describe('syntheticCountOption', () => {
  it('refuses a malformed pair, a count below 1 or a repeated class', () => {
    expect(syntheticCountOption('V=5')).toEqual({ V: 5 });
    for (const bad of ['S', 'S=', 'S=0', 'S=1.5', 'S=1=2', '=3', 'S=1,S=2']) expect(() => syntheticCountOption(bad)).toThrow(/--synthetic-count/);
  });
});
