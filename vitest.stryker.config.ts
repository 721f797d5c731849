// The suite as `npm run mutate` runs it (stryker.config.mjs): the project's own config without the
// end-to-end files. Those run the built CLI in tmux or as child processes, and a child process
// never sees the mutant under test (Stryker activates it inside its own worker only), so they
// cannot kill one; they would only add minutes to every run, waiting on terminals. The
// integration files that run `dist/cli.js` stay, since they share files with in-process tests, and
// cost the first (dry) run only: Stryker reruns a test only for the mutants it covered.
import {defineConfig, mergeConfig} from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
	base,
	defineConfig({
		test: {
			// A run over the core alone (scripts/mutate.js) leaves the screens' tests out as well.
			exclude: ['test/e2e/**', 'node_modules/**', ...(process.env['TABLEAU_CONNECT_MUTATE_CORE'] ? ['test/ui/**'] : [])],
			// The summary reporter prints the suite's own totals; Stryker reads the results itself.
			reporters: ['default'],
		},
	}),
);
