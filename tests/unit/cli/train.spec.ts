import { describe, expect, it } from 'vitest';
import { jobFrom } from '../../../src/cli/commands/train';
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
});
