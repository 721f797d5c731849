// `npm run mutate [-- PATH…]`: Stryker over everything stryker.config.mjs names, or only over the
// given folders or files (source/tableau, source/verify/labels.ts), so a run after a change can
// stay on what changed. Other arguments (--dryRunOnly, --logLevel debug) go to Stryker as given.
import {spawnSync} from 'node:child_process';
import {existsSync, statSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const paths = [];
const passed = [];
for (const argument of process.argv.slice(2)) {
	if (!argument.startsWith('-') && existsSync(argument)) {
		paths.push(argument.replace(/\/+$/, ''));
	} else {
		passed.push(argument);
	}
}

const globs = paths.map(path => (statSync(path).isDirectory() ? `${path}/**/*.ts` : path));
const mutate = globs.length > 0 ? ['--mutate', [...globs, '!source/**/*.d.ts'].join(',')] : [];
// The package exports no path to its command, so it is run from where npm installs it.
const stryker = fileURLToPath(new URL('../node_modules/@stryker-mutator/core/bin/stryker.js', import.meta.url));
// The core (tableau/, verify/, profiles/) knows nothing of Ink: its mutants must be caught by unit and
// integration tests, so a run over core paths only leaves the screens' tests out. That is most of the
// time of each mutant, and a mutant only a screen notices is one the core's own tests miss.
const core = paths.length > 0 && paths.every(path => /^source\/(tableau|verify|profiles)(\/|$)/.test(path));
const env = core ? {...process.env, TABLEAU_CONNECT_MUTATE_CORE: '1'} : process.env;
const run = spawnSync(process.execPath, [stryker, 'run', ...mutate, ...passed], {stdio: 'inherit', env});
process.exit(run.status ?? 1);
