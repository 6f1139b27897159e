import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the run's totals as one plain last line, `N passed, N failed`, which CI reads.
 * A test file that fails to load and an error thrown outside any test count as failures,
 * so a broken file can never shrink the totals into a false pass. So do the tests of a
 * file whose setup (such as a `beforeAll` hook) failed: they never ran.
 */
export default class TotalsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      let failedInModule = 0;
      let skippedInModule = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedInModule += 1;
        else skippedInModule += 1;
      }
      if (testModule.state() === 'failed' && failedInModule === 0) {
        // The file failed without a failed test: it did not load, or a hook failed and
        // its tests were left out, which counts each of them (or the file) as failed.
        failedInModule = Math.max(1, skippedInModule);
        skippedInModule = 0;
      }
      failed += failedInModule;
      skipped += skippedInModule;
    }
    const line = `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
    process.stdout.write(`\n${line}\n`);
  }
}
