// Tests that run the CLI run the built `dist/`. Built once here, before any test, whenever anything
// it is built from is newer (or dist/ is missing): `npx vitest run` after editing `source/` never
// tests yesterday's build, and a run whose build is current spends nothing on it.
import {spawnSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = ['source', 'cli.tsx', 'scripts/build.js', 'package.json', 'package-lock.json'];

function newestChange(path: string): number {
	const stats = statSync(path);
	if (!stats.isDirectory()) {
		return stats.mtimeMs;
	}

	return Math.max(stats.mtimeMs, ...readdirSync(path).map(entry => newestChange(join(path, entry))));
}

function builtAt(): number {
	try {
		return statSync(join(root, 'dist', 'cli.js')).mtimeMs;
	} catch {
		return Number.NEGATIVE_INFINITY;
	}
}

export default function setup(): void {
	const sources = Math.max(...inputs.map(input => newestChange(join(root, input))));
	if (builtAt() >= sources) {
		return;
	}

	const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.js')], {cwd: root, encoding: 'utf8'});
	if (build.status !== 0) {
		throw new Error(`Building dist/ for the tests failed (node scripts/build.js):\n${build.stdout}${build.stderr}`);
	}

	if (builtAt() < sources) {
		throw new Error('dist/cli.js is still older than the sources after building: is the clock or the file system odd?');
	}
}
