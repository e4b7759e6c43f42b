import { describe, expect, it } from 'vitest';
import { playwrightVerdict, vitestVerdict } from '../test-verdict';

const clean = { success: true, numPassedTests: 5, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numFailedTestSuites: 0, testResults: [{ name: 'a.test.ts', status: 'passed' }] };

describe('vitestVerdict', () => {
  it('passes a clean report with exit 0', () => {
    expect(vitestVerdict(clean, 0)).toMatchObject({ ok: true, passed: 5, failed: 0, problems: [] });
  });
  it('fails a report naming a failed file although vitest exited 0', () => {
    const v = vitestVerdict({ ...clean, success: false, numFailedTestSuites: 1, testResults: [...clean.testResults, { name: 'b.test.ts', status: 'failed', message: 'Cannot find module' }] }, 0);
    expect(v.ok).toBe(false);
    expect(v.failed).toBeGreaterThan(0);
    expect(v.problems.join()).toMatch(/1 test file/);
  });
  it('fails skipped and todo tests', () => {
    expect(vitestVerdict({ ...clean, numPendingTests: 1 }, 0).ok).toBe(false);
    expect(vitestVerdict({ ...clean, numTodoTests: 2 }, 0).ok).toBe(false);
  });
  it('fails an empty run, a missing report and a non-zero exit', () => {
    expect(vitestVerdict({ ...clean, numPassedTests: 0, testResults: [] }, 0).ok).toBe(false);
    expect(vitestVerdict(null, 0).ok).toBe(false);
    expect(vitestVerdict(clean, 1).ok).toBe(false);
  });
});

describe('playwrightVerdict', () => {
  const stats = { expected: 3, unexpected: 0, flaky: 0, skipped: 0 };
  it('passes a clean report', () => {
    expect(playwrightVerdict({ stats }, 0)).toMatchObject({ ok: true, passed: 3, failed: 0 });
  });
  it('fails failures, flakes, skips, interruptions and errors whatever the exit code', () => {
    expect(playwrightVerdict({ stats: { ...stats, unexpected: 1 } }, 0).ok).toBe(false);
    expect(playwrightVerdict({ stats: { ...stats, flaky: 1 } }, 0).ok).toBe(false);
    expect(playwrightVerdict({ stats: { ...stats, skipped: 1 } }, 0).ok).toBe(false);
    expect(playwrightVerdict({ stats: { ...stats, interrupted: 1 } }, 0).ok).toBe(false);
    expect(playwrightVerdict({ stats, errors: [{ message: 'webServer exited' }] }, 0).ok).toBe(false);
    expect(playwrightVerdict({ stats: { ...stats, expected: 0 } }, 0).ok).toBe(false);
    expect(playwrightVerdict(null, 0).ok).toBe(false);
  });
});
