// The code cache of the screens' libraries (source/ui/code-cache.ts) is a shortcut only: whatever
// is in the cache folder, the script runs and gives its exports.
import {chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cacheDirectory, cacheFileFor, runWithCodeCache} from '../../source/ui/code-cache.js';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) {
		rmSync(folder, {recursive: true, force: true});
	}
});

function folder(): string {
	const created = mkdtempSync(path.join(tmpdir(), 'tableau-connect-code-cache-'));
	folders.push(created);
	return created;
}

/**
A script as the build writes it: a function expression that fills `module.exports`, with enough
code for V8 to cache. Each is at a path of its own, as a new process would meet it: V8 keeps the
scripts it compiled in memory, by source and address, and would not look at a cache for one it has.
*/
function scriptIn(directory: string, answer = 42): string {
	const file = path.join(mkdtempSync(path.join(directory, 'build-')), 'screen-libraries.js');
	const helpers = Array.from({length: 50}, (_, index) => `function helper${index}(value) { return value + ${index}; }`).join('\n');
	writeFileSync(
		file,
		`(function (module, exports, require) {\n${helpers}\nexports.early = true;\nmodule.exports = {answer: helper0(${answer}), builtin: require('node:path').sep, early: exports.early};\n})`,
	);
	return file;
}

type Exports = {answer: number; builtin: string; early: boolean};

const screenFlags = ['--liftoff-only'];

/** Runs the script, keeping the save it would do at exit. */
function run(file: string, key: string, cache: string | undefined, flags = screenFlags) {
	const saves: Array<() => void> = [];
	const result = runWithCodeCache<Exports>(file, {key, flags}, cache, save => saves.push(save));
	return {...result, saves};
}

describe('runWithCodeCache', () => {
	it('runs the script without a cache, and leaves one at exit, owner-only, that the next run uses', () => {
		const work = folder();
		const file = scriptIn(work);
		const cache = path.join(work, 'cache', 'tableau-connect');
		const first = run(file, 'abc', cache);
		expect(first.exports).toEqual({answer: 42, builtin: path.sep, early: true});
		expect(first.cache).toBe('none');
		expect(first.saves).toHaveLength(1);
		first.saves[0]!();

		const saved = cacheFileFor(file, {key: 'abc', flags: screenFlags}, cache);
		expect(readdirSync(cache)).toEqual([path.basename(saved)]);
		if (process.platform !== 'win32') {
			expect(statSync(saved).mode & 0o777).toBe(0o600);
			expect(statSync(cache).mode & 0o777).toBe(0o700);
		}

		const second = run(scriptIn(work), 'abc', cache);
		expect(second.exports).toEqual({answer: 42, builtin: path.sep, early: true});
		expect(second.cache).toBe('used');
		expect(second.saves, 'a cache that fits is not written again').toEqual([]);
	});

	it('compiles from the source when the cache is garbage, and replaces it', () => {
		const work = folder();
		const file = scriptIn(work);
		const cache = path.join(work, 'cache');
		const saved = cacheFileFor(file, {key: 'abc', flags: screenFlags}, cache);
		run(file, 'abc', cache).saves[0]!();
		writeFileSync(saved, 'not a code cache');

		const refused = run(scriptIn(work), 'abc', cache);
		expect(refused.exports.answer).toBe(42);
		expect(refused.cache).toBe('rejected');
		refused.saves[0]!();
		expect(readFileSync(saved, 'utf8')).not.toBe('not a code cache');
		expect(run(scriptIn(work), 'abc', cache).cache).toBe('used');
	});

	it('never offers V8 the cache of another build: the name carries the key, and saving drops the old one', () => {
		const work = folder();
		const cache = path.join(work, 'cache');
		const file = scriptIn(work, 1);
		run(file, 'old', cache).saves[0]!();
		writeFileSync(path.join(cache, 'notes.txt'), 'not ours');

		// The next build: other code of the same length, another key.
		const next = run(scriptIn(work, 2), 'new', cache);
		expect(next.cache).toBe('none');
		expect(next.exports.answer).toBe(2);
		next.saves[0]!();
		expect(readdirSync(cache).sort()).toEqual([path.basename(cacheFileFor(file, {key: 'new', flags: screenFlags}, cache)), 'notes.txt'].sort());
	});

	it('runs, and saves nothing, when the cache folder cannot be made or there is none', () => {
		const work = folder();
		const file = scriptIn(work);
		const blocked = path.join(work, 'a-file');
		writeFileSync(blocked, '');
		const unwritable = run(file, 'abc', path.join(blocked, 'cache'));
		expect(unwritable.exports.answer).toBe(42);
		expect(() => unwritable.saves[0]!()).not.toThrow();
		expect(readdirSync(work).filter(name => !name.startsWith('build-'))).toEqual(['a-file']);

		const without = run(file, 'abc', undefined);
		expect(without).toMatchObject({exports: {answer: 42}, cache: 'none', saves: []});
	});

	it.skipIf(process.platform === 'win32')('neither reads nor writes a cache folder that others can write to', () => {
		const work = folder();
		const cache = path.join(work, 'shared');
		run(scriptIn(work), 'abc', cache).saves[0]!();
		expect(run(scriptIn(work), 'abc', cache).cache).toBe('used');

		chmodSync(cache, 0o777);
		const shared = run(scriptIn(work), 'abc', cache);
		expect(shared.exports.answer).toBe(42);
		expect(shared).toMatchObject({cache: 'none', saves: []});
		chmodSync(cache, 0o755);
		expect(run(scriptIn(work), 'abc', cache).cache).toBe('used');
	});

	it('keeps one cache for each set of V8 flags: neither replaces nor removes the other', () => {
		const work = folder();
		const cache = path.join(work, 'cache');
		const shortFlags = ['--liftoff-only', '--no-turbofan'];
		run(scriptIn(work), 'abc', cache).saves[0]!();
		run(scriptIn(work), 'abc', cache, shortFlags).saves[0]!();
		expect(readdirSync(cache)).toHaveLength(2);
		expect(run(scriptIn(work), 'abc', cache).cache).toBe('used');
		expect(run(scriptIn(work), 'abc', cache, shortFlags).cache).toBe('used');
	});

	it('removes, as it saves, what a process that died while saving left of this cache, and nothing else', () => {
		const work = folder();
		const cache = path.join(work, 'cache');
		const file = scriptIn(work);
		run(file, 'abc', cache).saves[0]!();
		const saved = cacheFileFor(file, {key: 'abc', flags: screenFlags}, cache);
		const leftover = `${cacheFileFor(file, {key: 'old', flags: screenFlags}, cache)}.4242.tmp`;
		const otherFlags = `${cacheFileFor(file, {key: 'old', flags: ['--other']}, cache)}.4242.tmp`;
		const notOurs = `${cacheFileFor(file, {key: 'old', flags: screenFlags}, cache)}.notes`;
		writeFileSync(leftover, 'half');
		writeFileSync(otherFlags, 'half');
		writeFileSync(notOurs, 'a file of the same name, not a cache');
		rmSync(saved);
		run(scriptIn(work), 'abc', cache).saves[0]!();
		expect(readdirSync(cache).sort()).toEqual([path.basename(saved), path.basename(otherFlags), path.basename(notOurs)].sort());
	});

	it.skipIf(process.platform === 'win32')('never uses a cache folder that is a link, even to a folder of ours', () => {
		const work = folder();
		const real = path.join(work, 'real');
		run(scriptIn(work), 'abc', real).saves[0]!();
		const linked = path.join(work, 'linked');
		symlinkSync(real, linked);
		expect(run(scriptIn(work), 'abc', linked)).toMatchObject({cache: 'none', saves: []});
	});

	it.skipIf(process.platform === 'win32')('does not write through a file planted where it writes, nor into a folder others were given meanwhile', () => {
		const work = folder();
		const cache = path.join(work, 'cache');
		const file = scriptIn(work);
		const first = run(file, 'abc', cache);
		mkdirSync(cache, {mode: 0o700});
		const target = path.join(work, 'precious');
		writeFileSync(target, 'keep me');
		symlinkSync(target, `${cacheFileFor(file, {key: 'abc', flags: screenFlags}, cache)}.${process.pid}.tmp`);
		first.saves[0]!();
		expect(readFileSync(target, 'utf8')).toBe('keep me');

		const second = run(scriptIn(work), 'other', path.join(work, 'later'));
		mkdirSync(path.join(work, 'later'));
		chmodSync(path.join(work, 'later'), 0o777);
		second.saves[0]!();
		expect(readdirSync(path.join(work, 'later'))).toEqual([]);
	});

	it.skipIf(process.getuid?.() !== 0)('never uses a cache folder another user owns', () => {
		const work = folder();
		const cache = path.join(work, 'theirs');
		run(scriptIn(work), 'abc', cache).saves[0]!();
		chownSync(cache, 12_345, 12_345);
		expect(run(scriptIn(work), 'abc', cache)).toMatchObject({cache: 'none', saves: []});
	});

	it('names the cache after the script, V8, the architecture, the flags and the build', () => {
		// Flags joined otherwise, or a hash with leading zeros, still give a name of their own, 8 digits long.
		const nameFor = (flags: string[]) => path.basename(cacheFileFor('/x/chunks/screen-libraries.js', {key: 'k1', flags}, '/c'));
		expect(nameFor(['--a', '--b'])).not.toBe(nameFor(['--a--b']));
		expect(nameFor(['--flag-38'])).toMatch(/-019fb4e7-k1\.cache$/);
		const name = path.basename(cacheFileFor('/x/chunks/screen-libraries.js', {key: 'k1', flags: ['--liftoff-only']}, '/c'));
		expect(name).toMatch(new RegExp(`^screen-libraries-v8-${process.versions.v8.replaceAll('.', '\\.')}-${process.arch}-[\\da-f]{8}-k1\\.cache$`));
		expect(name).not.toBe(path.basename(cacheFileFor('/x/chunks/screen-libraries.js', {key: 'k1', flags: ['--liftoff-only', '--no-maglev']}, '/c')));
	});
});

describe('cacheDirectory', () => {
	it('is the platform cache folder, never the profile store', () => {
		expect(cacheDirectory({}, 'linux', () => '/home/ada')).toBe(path.join('/home/ada', '.cache', 'tableau-connect'));
		expect(cacheDirectory({XDG_CACHE_HOME: '/var/cache/ada'}, 'linux', () => '/home/ada')).toBe(path.join('/var/cache/ada', 'tableau-connect'));
		// XDG ignores a relative XDG_CACHE_HOME, and so does the wizard.
		expect(cacheDirectory({XDG_CACHE_HOME: 'cache'}, 'linux', () => '/home/ada')).toBe(path.join('/home/ada', '.cache', 'tableau-connect'));
		expect(cacheDirectory({XDG_CACHE_HOME: '/ignored'}, 'darwin', () => '/Users/ada')).toBe(path.join('/Users/ada', 'Library', 'Caches', 'tableau-connect'));
		expect(cacheDirectory({LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local'}, 'win32', () => 'C:\\Users\\ada')).toBe(
			path.win32.join('C:\\Users\\ada\\AppData\\Local', 'tableau-connect', 'Cache'),
		);
		expect(cacheDirectory({}, 'win32', () => 'C:\\Users\\ada')).toBeUndefined();
		expect(cacheDirectory({LOCALAPPDATA: 'AppData'}, 'win32', () => 'C:\\Users\\ada')).toBeUndefined();
	});

	it('is none, never a folder relative to where the command runs, without a home to put it in', () => {
		for (const home of [undefined, '', 'relative/home']) {
			expect(
				cacheDirectory({}, 'linux', () => home),
				String(home),
			).toBeUndefined();
			expect(
				cacheDirectory({}, 'darwin', () => home),
				String(home),
			).toBeUndefined();
		}

		expect(cacheDirectory({XDG_CACHE_HOME: '/var/cache/ada'}, 'linux', () => undefined)).toBe(path.join('/var/cache/ada', 'tableau-connect'));
	});
});
