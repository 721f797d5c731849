// Mutation testing (`npm run mutate`, or `npm run mutate -- source/tableau` for one folder or file):
// Stryker makes small bugs in the files below, one at a time, and runs the tests that cover each; a
// bug no test notices (a surviving mutant) is a missing test, or dead code. See the README, Testing.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'vitest',
	vitest: {configFile: 'vitest.stryker.config.ts'},
	// The core (HTTP, checks, store, commands) and the UI's pure parts: its reducers and key tables.
	// The screens themselves are tested by rendering, which mutation testing would make very slow.
	mutate: [
		'source/tableau/**/*.ts',
		'source/verify/**/*.ts',
		'source/profiles/**/*.ts',
		'source/commands/**/*.ts',
		'source/ui/**/reducer.ts',
		'source/ui/**/*-reducer.ts',
		'source/ui/**/keymap.ts',
		'source/ui/components/use-keymap.ts',
		// Pure helpers the screens and the bundle's text patches share.
		'source/ui/components/body-rows.ts',
		'source/ui/components/list-window.ts',
		'source/ui/lazy-segmenter.ts',
		'source/ui/text-fast-paths.ts',
		// How the screens' libraries run with V8's code cache.
		'source/ui/code-cache.ts',
		'!source/**/*.d.ts',
	],
	// Only the mutants of what changed since the committed file are run again, and the file is kept
	// in the repository, so a run after a change costs minutes, not the whole set.
	incremental: true,
	incrementalFile: 'reports/stryker-incremental.json',
	reporters: ['html', 'clear-text', 'progress'],
	htmlReporter: {fileName: 'reports/mutation/index.html'},
	// Two cores, often shared: one test process at a time keeps the machine usable.
	concurrency: 1,
	// Many tests wait on sockets and timers: a mutant is a timeout only well past the normal time.
	timeoutMS: 10_000,
	// The suite shares modules between files (isolate: false in vitest.config.ts), so everything
	// evaluated at import time is "static": each such mutant would rerun every test with a fresh
	// environment (about 2.5 minutes here, against seconds for the others). They are left out and
	// shown as ignored in the report; module-level tables still count through the code that reads them.
	ignoreStatic: true,
	cleanTempDir: 'always',
	thresholds: {high: 85, low: 75, break: null},
};
