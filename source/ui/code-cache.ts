import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {homedir} from 'node:os';
import path from 'node:path';
import {Script} from 'node:vm';

/**
The screens' libraries (Ink, React and its reconciler, the layout engine) are one script in the
bundle, run through V8 with a code cache: V8's compiled code of that script, kept from the last
run of a screen. Without it, each start parses the 360 KB script and compiles every function the
first frame calls, about 25 ms of the wizard's first frame (`npm run bench` shows both). ES
modules cannot take a code cache on Node 20, which is why the libraries are a script.

The cache is only ever a shortcut. V8 checks it against the script, its own version and its flags,
and compiles from the source when it does not fit; the file's name carries a hash of the script,
so a new build never meets an old cache of the same length. A cache that cannot be read or
written costs the next start its 25 ms, nothing else; one in a folder others can write to is
never read.
*/

/** Where the code cache lives: the platform's cache folder, never the profile store's. */
export function cacheDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir()): string | undefined {
	if (platform === 'win32') {
		return env['LOCALAPPDATA'] ? path.join(env['LOCALAPPDATA'], 'tableau-connect', 'Cache') : undefined;
	}

	if (platform === 'darwin') {
		return path.join(home, 'Library', 'Caches', 'tableau-connect');
	}

	// XDG: a relative XDG_CACHE_HOME is invalid and is ignored.
	const base = env['XDG_CACHE_HOME'] && path.isAbsolute(env['XDG_CACHE_HOME']) ? env['XDG_CACHE_HOME'] : path.join(home, '.cache');
	return path.join(base, 'tableau-connect');
}

/** The file of the code cache for one build of `scriptFile` (its content hash is `key`) on this Node. */
export function cacheFileFor(scriptFile: string, key: string, directory: string): string {
	return path.join(directory, `${cachePrefix(scriptFile)}${key}-v8-${process.versions.v8}-${process.arch}.cache`);
}

function cachePrefix(scriptFile: string): string {
	return `${path.basename(scriptFile, path.extname(scriptFile))}-`;
}

/** Whether a run had a code cache: none there, one V8 took, or one it refused (and compiled instead). */
export type CodeCacheUse = 'none' | 'used' | 'rejected';

/**
Runs `scriptFile`, a function expression `(module, exports, require) => …` as the build writes it,
with the code cache of the last run when there is one that fits, and returns its exports. When
there is none, the process leaves one as it exits (`atExit`), with everything compiled by then:
the next start's first frame then needs no compiling for what this run drew.
*/
export function runWithCodeCache<Exports>(
	scriptFile: string,
	key: string,
	directory: string | undefined,
	atExit: (save: () => void) => void = save => process.once('exit', save),
): {exports: Exports; cache: CodeCacheUse} {
	const source = readFileSync(scriptFile, 'utf8');
	const cacheFile = directory === undefined || !onlyOurs(directory) ? undefined : cacheFileFor(scriptFile, key, directory);
	const cachedData = cacheFile === undefined ? undefined : readIfThere(cacheFile);
	const script = new Script(source, {filename: scriptFile, ...(cachedData === undefined ? {} : {cachedData})});
	const cache: CodeCacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'used';
	if (cacheFile !== undefined && cache !== 'used') {
		atExit(() => {
			saveCodeCache(script, cacheFile, cachePrefix(scriptFile));
		});
	}

	const module = {exports: {} as Exports};
	(script.runInThisContext() as (module: {exports: Exports}, exports: Exports, require: NodeJS.Require) => void)(
		module,
		module.exports,
		createRequire(scriptFile),
	);
	return {exports: module.exports, cache};
}

/**
V8 runs what a code cache holds, so a cache folder that someone else owns or can write to is not
used at all (a shared machine, a cache folder set to /tmp). A folder not there yet is made ours.
*/
function onlyOurs(directory: string): boolean {
	let stats;
	try {
		stats = statSync(directory);
	} catch {
		return true;
	}

	if (process.platform === 'win32') {
		return stats.isDirectory();
	}

	return stats.isDirectory() && stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
}

function readIfThere(file: string): Buffer | undefined {
	try {
		return readFileSync(file);
	} catch {
		return undefined;
	}
}

/** Writes the cache whole or not at all (two screens may exit at once), owner-only, and drops older builds' caches. */
function saveCodeCache(script: Script, cacheFile: string, prefix: string): void {
	const directory = path.dirname(cacheFile);
	const temporary = `${cacheFile}.${process.pid}.tmp`;
	try {
		mkdirSync(directory, {recursive: true, mode: 0o700});
		writeFileSync(temporary, script.createCachedData(), {mode: 0o600});
		renameSync(temporary, cacheFile);
		const name = path.basename(cacheFile);
		for (const other of readdirSync(directory)) {
			if (other !== name && other.startsWith(prefix) && other.endsWith('.cache')) {
				rmSync(path.join(directory, other), {force: true});
			}
		}
	} catch {
		try {
			rmSync(temporary, {force: true});
		} catch {
			// Nothing was left, or nothing can be removed there: either way the next start compiles.
		}
	}
}
