import type {Reporter, TestModule} from 'vitest/node';

/**
Ends the run with one plain line, `N passed, N failed[, N skipped]`, that any CI can read without
knowing vitest's own format.
*/
export default class SummaryReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
		const counts = {passed: 0, failed: 0, skipped: 0};
		for (const module of testModules) {
			for (const test of module.children.allTests()) {
				const {state} = test.result();
				if (state === 'passed' || state === 'failed') {
					counts[state]++;
				} else {
					counts.skipped++;
				}
			}

			// A file that failed to load has no tests but is a failure all the same.
			if (module.state() === 'failed' && [...module.children.allTests()].length === 0) {
				counts.failed++;
			}
		}

		counts.failed += unhandledErrors.length;
		process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''}\n`);
	}
}
