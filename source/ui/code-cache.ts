import {lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
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
and compiles from the source when it does not fit; the file's name carries a hash of the script
and the flags, so a new build never meets an old cache of the same length, and runs under other
flags (`test`'s live view) keep a cache of their own. A cache that cannot be read or written
costs the next start its 25 ms, nothing else; one in a folder others can write to is never read.
*/

/** Where the code cache lives: the platform's cache folder, never the profile store's. None when it cannot be known for sure. */
export function cacheDirectory(
	env: NodeJS.ProcessEnv,
	platform: NodeJS.Platform = process.platform,
	home: () => string | undefined = homeOrNothing,
): string | undefined {
	const paths = platform === 'win32' ? path.win32 : path.posix;
	const absolute = (folder: string | undefined) => (folder && paths.isAbsolute(folder) ? folder : undefined);
	if (platform === 'win32') {
		const local = absolute(env['LOCALAPPDATA']);
		return local && paths.join(local, 'tableau-connect', 'Cache');
	}

	if (platform === 'darwin') {
		const ownHome = absolute(home());
		return ownHome && paths.join(ownHome, 'Library', 'Caches', 'tableau-connect');
	}

	// XDG: a relative XDG_CACHE_HOME is invalid and is ignored.
	const xdg = absolute(env['XDG_CACHE_HOME']);
	if (xdg) {
		return paths.join(xdg, 'tableau-connect');
	}

	const ownHome = absolute(home());
	return ownHome && paths.join(ownHome, '.cache', 'tableau-connect');
}

/** The home folder; none (rather than an error) for a user the system has no entry for, without HOME. */
function homeOrNothing(): string | undefined {
	try {
		return homedir();
	} catch {
		return undefined;
	}
}

/** What names one build of the script under one set of V8 flags (the build's content hash is `key`). */
export type CacheIdentity = {key: string; flags: readonly string[]};

/** The file of the code cache for `identity` on this Node; files of other builds share `cacheFamily`. */
export function cacheFileFor(scriptFile: string, identity: CacheIdentity, directory: string): string {
	return path.join(directory, `${cacheFamily(scriptFile, identity.flags)}${identity.key}.cache`);
}

/** The start of the name of every cache of `scriptFile` for this V8, architecture and flags, whatever the build. */
function cacheFamily(scriptFile: string, flags: readonly string[]): string {
	return `${path.basename(scriptFile, path.extname(scriptFile))}-v8-${process.versions.v8}-${process.arch}-${flagsTag(flags)}-`;
}

/** A short name for a set of flags (FNV-1a of their text): only to keep caches apart, V8 checks them itself. */
function flagsTag(flags: readonly string[]): string {
	let hash = 0x81_1c_9d_c5;
	for (const character of flags.join(' ')) {
		hash = Math.imul(hash ^ character.codePointAt(0)!, 0x01_00_01_93) >>> 0;
	}

	return hash.toString(16).padStart(8, '0');
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
	identity: CacheIdentity,
	directory: string | undefined,
	atExit: (save: () => void) => void = save => process.once('exit', save),
): {exports: Exports; cache: CodeCacheUse} {
	const source = readFileSync(scriptFile, 'utf8');
	const usable = directory !== undefined && folderState(directory) !== 'not ours';
	const cacheFile = usable ? cacheFileFor(scriptFile, identity, directory) : undefined;
	const cachedData = cacheFile === undefined ? undefined : readIfThere(cacheFile);
	const script = new Script(source, {filename: scriptFile, ...(cachedData === undefined ? {} : {cachedData})});
	const cache: CodeCacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'used';
	if (cacheFile !== undefined && cache !== 'used') {
		atExit(() => {
			saveCodeCache(script, cacheFile, cacheFamily(scriptFile, identity.flags));
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
V8 runs what a code cache holds, so a cache folder that is a link, or that someone else owns or can
write to, is not used at all (a shared machine, a cache folder set to /tmp).
*/
function folderState(directory: string): 'ours' | 'missing' | 'not ours' {
	let stats;
	try {
		stats = lstatSync(directory);
	} catch {
		return 'missing';
	}

	if (!stats.isDirectory()) {
		return 'not ours';
	}

	if (process.platform === 'win32') {
		return 'ours';
	}

	return stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0 ? 'ours' : 'not ours';
}

function readIfThere(file: string): Buffer | undefined {
	try {
		return readFileSync(file);
	} catch {
		return undefined;
	}
}

/**
Writes the cache whole or not at all (two screens may exit at once), owner-only, into a folder made
ours (checked again, as another user could have made it meanwhile), to a temporary file no one else
can have put there; then drops this family's caches of older builds and temporary files left by a
process that died while saving.
*/
function saveCodeCache(script: Script, cacheFile: string, family: string): void {
	const directory = path.dirname(cacheFile);
	const temporary = `${cacheFile}.${process.pid}.tmp`;
	try {
		mkdirSync(directory, {recursive: true, mode: 0o700});
		if (folderState(directory) !== 'ours') {
			return;
		}

		writeFileSync(temporary, script.createCachedData(), {mode: 0o600, flag: 'wx'});
		renameSync(temporary, cacheFile);
		const name = path.basename(cacheFile);
		for (const other of readdirSync(directory)) {
			if (other !== name && other.startsWith(family) && (other.endsWith('.cache') || other.endsWith('.tmp'))) {
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
