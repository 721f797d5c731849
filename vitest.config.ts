import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Builds dist/ when a source is newer, for the tests that run the CLI (test/global-setup.ts).
		globalSetup: ['./test/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		env: {FORCE_COLOR: '0'},
		setupFiles: ['./test/setup/no-keychain.ts'],
		reporters: ['default', './test/reporters/summary-reporter.ts'],
	},
	define: {__VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0-test')},
});
