import { describe, expect, it } from 'vitest';
import { labelSample } from '../../src/pairs/label-sample.js';
import { Label } from '../../src/records.js';
import { execution, pass } from './fixtures.js';

describe('labelSample (the PLUM rule)', () => {
  it('chosen when every kept test passes', () => {
    const l = labelSample({ execution: execution('s1', [pass('t1'), pass('t2')]) });
    expect(Label.parse(l)).toEqual(l);
    expect(l).toMatchObject({ label: 'chosen', failureKind: 'none', testsPassed: 2, testsTotal: 2, reason: 'passes all 2 kept tests' });
  });

  it('rejected when one test fails, with the failure kind and exception type of the first failure', () => {
    const l = labelSample({ execution: execution('s1', [pass('t1'), { testId: 't2', verdict: 'error', durationMs: 1, errorType: 'ZeroDivisionError' }, { testId: 't3', verdict: 'fail', durationMs: 1 }]) });
    expect(l).toMatchObject({ label: 'rejected', failureKind: 'exception', errorType: 'ZeroDivisionError', testsPassed: 1, testsTotal: 3, reason: 'fails 2 of 3 kept tests' });
    expect(labelSample({ execution: execution('s', [{ testId: 't', verdict: 'fail', durationMs: 1 }]) }).failureKind).toBe('assertion');
    expect(labelSample({ execution: execution('s', [{ testId: 't', verdict: 'timeout', durationMs: 1 }]) }).failureKind).toBe('timeout');
    expect(labelSample({ execution: execution('s', [{ testId: 't', verdict: 'crash', durationMs: 1, errorType: 'SIGSEGV' }]) })).toMatchObject({ failureKind: 'crash', errorType: 'SIGSEGV' });
  });

  it('needs an outcome for every kept test: a truncated run is never chosen', () => {
    const l = labelSample({ execution: execution('s1', [pass('t1')], 'crash'), keptTestIds: ['t1', 't2'] });
    expect(l).toMatchObject({ label: 'rejected', failureKind: 'crash', testsPassed: 1, testsTotal: 2 });
    expect(l.reason).toContain('1 without outcome');
    // all outcomes pass but the job did not: still not chosen
    expect(labelSample({ execution: execution('s1', [pass('t1')], 'timeout') })).toMatchObject({ label: 'rejected', failureKind: 'timeout' });
  });

  it('ignores outcomes of tests that are not kept', () => {
    const l = labelSample({ execution: execution('s1', [pass('t1'), { testId: 'dropped', verdict: 'fail', durationMs: 1 }], 'fail'), keptTestIds: new Set(['t1']) });
    expect(l.label).toBe('rejected'); // job verdict is fail: conservative
    const ok = labelSample({ execution: execution('s1', [pass('t1'), pass('t9')]), keptTestIds: new Set(['t1']) });
    expect(ok).toMatchObject({ label: 'chosen', testsTotal: 1 });
  });

  it('excludes syntax-invalid samples by default, rejects them on request', () => {
    const ex = execution('s1', [], 'syntax_error');
    expect(labelSample({ execution: ex, keptTestIds: ['t1'] })).toMatchObject({ label: 'excluded', failureKind: 'syntax_error', reason: 'syntax error' });
    expect(labelSample({ execution: ex, keptTestIds: ['t1'] }, { syntaxInvalid: 'reject' })).toMatchObject({ label: 'rejected', failureKind: 'syntax_error' });
  });

  it('excludes samples of problems without kept tests', () => {
    expect(labelSample({ execution: execution('s1', []) })).toMatchObject({ label: 'excluded', reason: 'no kept tests', failureKind: 'none' });
    // even a syntax error under syntaxInvalid: 'reject' is not rejected when there is nothing to fail
    expect(labelSample({ execution: execution('s1', [], 'syntax_error'), keptTestIds: [] }, { syntaxInvalid: 'reject' })).toMatchObject({ label: 'excluded', reason: 'no kept tests' });
  });

  it('recognises a missing entry point from the sample flag or a NameError on it', () => {
    const ex = execution('s1', [{ testId: 't1', verdict: 'error', durationMs: 1, errorType: 'NameError', message: "name 'add' is not defined" }]);
    expect(labelSample({ execution: ex, entryPoint: 'add' })).toMatchObject({ label: 'rejected', failureKind: 'missing_entry_point' });
    expect(labelSample({ execution: ex, entryPoint: 'other' })).toMatchObject({ failureKind: 'exception', errorType: 'NameError' });
    expect(labelSample({ execution: execution('s', [{ testId: 't', verdict: 'fail', durationMs: 1 }]), sample: { missingEntryPoint: true } }).failureKind).toBe('missing_entry_point');
  });
});
