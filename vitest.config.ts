import {defineConfig} from 'vitest/config';
import {LongWaitsFirst} from './test/sequencer.js';

export default defineConfig({
	// React's production build, as the bundle ships it (NODE_ENV below): the development build runs
	// checks the shipped CLI never runs, at about a tenth of the UI tests' CPU.
	oxc: {jsx: {runtime: 'automatic', development: false}},
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Builds dist/ when a source is newer, for the tests that run the CLI (test/global-setup.ts).
		globalSetup: ['./test/global-setup.ts'],
		// Most of the suite's time was starting a fresh worker and importing Ink, React and undici again
		// for each file (about a second of CPU per file on two cores). Files share their worker's
		// modules instead, so a test must put back any global it changes (test/helpers/colour.ts).
		isolate: false,
		// Most tests wait on sockets, timers and terminals; three files at a time keep both cores busy.
		maxWorkers: 3,
		sequence: {sequencer: LongWaitsFirst},
		testTimeout: 30_000,
		hookTimeout: 30_000,
		env: {FORCE_COLOR: '0', NODE_ENV: 'production'},
		// Files share their worker: an environment variable a test stubs must not outlive it.
		unstubEnvs: true,
		setupFiles: ['./test/setup/no-keychain.ts', './test/setup/environment.ts'],
		reporters: ['default', './test/reporters/summary-reporter.ts'],
	},
	define: {__VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0-test')},
});
