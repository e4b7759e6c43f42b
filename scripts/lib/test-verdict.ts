// What `npm test` concludes from a test runner: the runner's own report decides, and its exit code
// can only make things worse. Vitest exited 0 while its report said a file had failed (a library
// in the integration setup called `process.exit(0)`); a green summary must never come from that.

export interface Verdict {
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
  /** Why the step failed, beyond the failed tests themselves. */
  problems: string[];
}

export interface VitestReport {
  success?: boolean;
  numTotalTests?: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites?: number;
  numTotalTestSuites?: number;
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

export function vitestVerdict(report: VitestReport | null, exitCode: number): Verdict {
  if (!report) return { passed: 0, failed: 1, skipped: 0, ok: false, problems: [`vitest wrote no report (exit code ${exitCode})`] };
  const problems: string[] = [];
  const files = report.testResults ?? [];
  const failedFiles = files.filter((f) => f.status !== 'passed');
  const skipped = report.numPendingTests + report.numTodoTests;
  if (failedFiles.length > 0) problems.push(`${failedFiles.length} test file(s) failed or did not run`);
  if ((report.numFailedTestSuites ?? 0) > 0 && failedFiles.length === 0) problems.push(`${report.numFailedTestSuites} suite(s) failed`);
  if (report.success === false && problems.length === 0 && report.numFailedTests === 0) problems.push('vitest reports the run as unsuccessful');
  if (skipped > 0) problems.push(`${skipped} test(s) skipped or todo: every test must run`);
  if (report.numPassedTests === 0) problems.push('no test ran');
  if (exitCode !== 0 && problems.length === 0 && report.numFailedTests === 0) problems.push(`vitest exited with code ${exitCode}`);
  const failed = report.numFailedTests + (report.numFailedTests === 0 && problems.length > 0 ? 1 : 0);
  return { passed: report.numPassedTests, failed, skipped, ok: failed === 0 && exitCode === 0, problems };
}

export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number; interrupted?: number };
  errors?: { message?: string }[];
}

export function playwrightVerdict(report: PlaywrightReport | null, exitCode: number): Verdict {
  if (!report) return { passed: 0, failed: 1, skipped: 0, ok: false, problems: [`playwright wrote no report (exit code ${exitCode})`] };
  const s = report.stats;
  const problems: string[] = [];
  if (s.flaky > 0) problems.push(`${s.flaky} test(s) flaky: passed only on a retry`);
  if (s.skipped > 0) problems.push(`${s.skipped} test(s) skipped or did not run`);
  if ((s.interrupted ?? 0) > 0) problems.push(`${s.interrupted} test(s) interrupted`);
  if ((report.errors ?? []).length > 0) problems.push(`${report.errors!.length} error(s) outside tests`);
  if (s.expected === 0) problems.push('no test ran');
  if (exitCode !== 0 && problems.length === 0 && s.unexpected === 0) problems.push(`playwright exited with code ${exitCode}`);
  const failed = s.unexpected + s.flaky + (s.unexpected + s.flaky === 0 && problems.length > 0 ? 1 : 0);
  return { passed: s.expected, failed, skipped: s.skipped, ok: failed === 0 && exitCode === 0, problems };
}
