// `npm run mutate [-- PATH…]`: Stryker over everything stryker.config.mjs names, or only over the
// given folders or files (source/tableau, source/verify/labels.ts), so a run after a change can
// stay on what changed. Other arguments (--dryRunOnly, --logLevel debug) go to Stryker as given.
//
// `npm run mutate -- --sample N [--seed S] PATH…` runs N mutants of each PATH picked at random among
// those the incremental file has no result for, so a folder too large for one sitting is measured
// a sample at a time, and every sample adds to the same file.
// `npm run mutate -- --recheck [PATH…]` runs again every mutant the incremental file holds as survived
// or not covered (under PATH, if given): after tests were added for them, it says which still live.
// `npm run mutate -- --scores` prints the score of each folder from the incremental file, with how
// many of the folder's mutants it holds a result for; it runs nothing.
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Instrumenter} from '@stryker-mutator/instrumenter';
import config from '../stryker.config.mjs';

const incrementalFile = config.incrementalFile;
const paths = [];
const passed = [];
let sampleSize;
let seed = Date.now() % 1_000_000;
let scoresOnly = false;
let recheck = false;
const argv = process.argv.slice(2);
for (let index = 0; index < argv.length; index++) {
	const argument = argv[index];
	if (argument === '--sample') {
		sampleSize = Number(argv[++index]);
		if (!Number.isInteger(sampleSize) || sampleSize < 1) fail('--sample takes a whole number of mutants, such as --sample 100');
	} else if (argument === '--seed') {
		seed = Number(argv[++index]);
		if (!Number.isInteger(seed)) fail('--seed takes a whole number, such as --seed 42');
	} else if (argument === '--recheck') {
		recheck = true;
	} else if (argument === '--scores') {
		scoresOnly = true;
	} else if (!argument.startsWith('-') && existsSync(argument)) {
		paths.push(argument.replace(/\/+$/, ''));
	} else {
		passed.push(argument);
	}
}

if (scoresOnly) {
	await printScores();
	process.exit(0);
}

let mutate = [];
if (recheck) {
	mutate = undetectedRanges();
	if (mutate.length === 0) {
		console.log('The incremental file holds no survived or uncovered mutant here: nothing to check again.');
		process.exit(0);
	}
} else if (sampleSize !== undefined) {
	if (paths.length === 0) fail('--sample needs the folders or files to pick from, such as --sample 100 source/tableau');
	mutate = await sampleRanges();
	if (mutate.length === 0) {
		console.log('Every mutant of these paths already has a result in the incremental file: nothing to sample.');
		process.exit(0);
	}
} else if (paths.length > 0) {
	mutate = paths.map(path => (statSync(path).isDirectory() ? `${path}/**/*.ts` : path));
}

const mutateFlag = mutate.length > 0 ? ['--mutate', [...mutate, '!source/**/*.d.ts'].join(',')] : [];
// Stryker reuses a survivor's result while its code and the tests that covered it are unchanged, so a
// test added in a new file would never be tried on it: a recheck runs its ranges afresh (--force
// applies to the mutants under --mutate only).
if (recheck && !passed.includes('--force')) passed.push('--force');
// The package exports no path to its command, so it is run from where npm installs it.
const stryker = fileURLToPath(new URL('../node_modules/@stryker-mutator/core/bin/stryker.js', import.meta.url));
// The core (tableau/, verify/, profiles/) knows nothing of Ink: its mutants must be caught by unit and
// integration tests, so a run over core paths only leaves the screens' tests out. That is most of the
// time of each mutant, and a mutant only a screen notices is one the core's own tests miss.
const core = paths.length > 0 && paths.every(path => /^source\/(tableau|verify|profiles)(\/|$)/.test(path));
const env = core ? {...process.env, TABLEAU_CONNECT_MUTATE_CORE: '1'} : process.env;
const run = spawnSync(process.execPath, [stryker, 'run', ...mutateFlag, ...passed], {stdio: 'inherit', env});
process.exit(run.status ?? 1);

function fail(message) {
	console.error(`npm run mutate: ${message}`);
	process.exit(2);
}

function sourceFilesUnder(path) {
	if (!statSync(path).isDirectory()) return [path];
	return readdirSync(path, {recursive: true})
		.map(name => join(path, String(name)))
		.filter(name => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
		.sort();
}

/** Every mutant Stryker would make in these files, with the location Stryker's reports use. */
async function mutantsOf(files) {
	const quiet = () => false;
	const ignore = () => {};
	const logger = {
		isTraceEnabled: quiet,
		isDebugEnabled: quiet,
		isInfoEnabled: quiet,
		isWarnEnabled: quiet,
		isErrorEnabled: quiet,
		isFatalEnabled: quiet,
		trace: ignore,
		debug: ignore,
		info: ignore,
		warn: ignore,
		error: ignore,
		fatal: ignore,
	};
	const instrumenter = new Instrumenter(logger);
	const {mutants} = await instrumenter.instrument(
		files.map(name => ({name, content: readFileSync(name, 'utf8'), mutate: true})),
		{ignorers: [], plugins: null, excludedMutations: [], noHeader: true},
	);
	return mutants;
}

function before(a, b) {
	return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

function sameLocation(a, b) {
	const {start, end} = a.location;
	const other = b.location;
	return start.line === other.start.line && start.column === other.start.column && end.line === other.end.line && end.column === other.end.column;
}

/** The instrumenter counts lines from 0 and columns from 0; the report schema counts both from 1. */
function keyOf(fileName, mutant, base) {
	const {start, end} = mutant.location;
	return `${fileName}@${start.line + base}:${start.column + base}-${end.line + base}:${end.column + base}|${mutant.mutatorName}|${mutant.replacement}`;
}

function readReport() {
	return existsSync(incrementalFile) ? JSON.parse(readFileSync(incrementalFile, 'utf8')) : {files: {}};
}

/** Keys of the mutants that already have a result for the file as it is now. */
function resultKeys(report) {
	const keys = new Set();
	for (const [fileName, file] of Object.entries(report.files)) {
		if (!existsSync(fileName) || readFileSync(fileName, 'utf8') !== file.source) continue;
		for (const mutant of file.mutants) if (mutant.status && mutant.status !== 'Pending') keys.add(keyOf(fileName, mutant, 0));
	}
	return keys;
}

/** Stryker ranges of the mutants the incremental file holds as undetected, under the given paths. */
function undetectedRanges() {
	const ranges = [];
	let lost = 0;
	for (const [fileName, file] of Object.entries(readReport().files)) {
		if (paths.length > 0 && !paths.some(path => fileName === path || fileName.startsWith(`${path}/`))) continue;
		if (!existsSync(fileName)) continue;
		// A file edited since its results has its lines moved: a range at the old line would run other
		// mutants, and Stryker would carry the old results over to the moved ones without running them.
		const lineNow = lineMover(file.source, readFileSync(fileName, 'utf8'));
		for (const {status, location} of file.mutants) {
			if (status !== 'Survived' && status !== 'NoCoverage') continue;
			const start = lineNow(location.start.line);
			const end = lineNow(location.end.line);
			if (start === null || end === null) {
				lost++;
				continue;
			}

			// The report counts columns from 1, Stryker's ranges from 0.
			ranges.push(`${fileName}:${start}:${location.start.column - 1}-${end}:${location.end.column - 1}`);
		}
	}
	console.log(`${ranges.length} undetected mutants to run again.`);
	if (lost > 0) console.log(`${lost} more are on lines edited since their results: a run over their files (npm run mutate -- FILE) tests them afresh.`);
	return ranges;
}

/** Where a line of `before` is in `after`: the same text nearest to where it was, or null when that line was edited. */
function lineMover(before, after) {
	if (before === after) return line => line;
	const oldLines = before.split('\n');
	const newLines = after.split('\n');
	return line => {
		const text = oldLines[line - 1];
		let best = null;
		newLines.forEach((candidate, index) => {
			if (candidate === text && (best === null || Math.abs(index + 1 - line) < Math.abs(best - line))) best = index + 1;
		});
		return best;
	};
}

// A small seeded generator, so a sample can be drawn again with the seed it printed.
function random() {
	seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
	return seed / 2_147_483_648;
}

async function sampleRanges() {
	const done = resultKeys(readReport());
	const drawnWith = seed;
	const ranges = [];
	let total = 0;
	for (const path of paths) {
		const all = await mutantsOf(sourceFilesUnder(path).filter(name => isMutated(name)));
		// A range takes in every mutant inside it, so a mutant that encloses others (a block, a whole
		// condition) cannot be run alone: the sample is drawn among the others, with the mutants of the
		// same node run together. Enclosing mutants are the easiest to kill, so the estimate errs low.
		const encloses = (outer, inner) =>
			outer.fileName === inner.fileName &&
			!sameLocation(outer, inner) &&
			before(outer.location.start, inner.location.start) &&
			before(inner.location.end, outer.location.end);
		const leaves = all.filter(mutant => !all.some(other => encloses(mutant, other)));
		const groups = new Map();
		for (const mutant of leaves) {
			const node = keyOf(mutant.fileName, {...mutant, mutatorName: '', replacement: ''}, 0);
			groups.set(node, [...(groups.get(node) ?? []), mutant]);
		}
		const candidates = [...groups.values()].filter(group => group.some(mutant => !done.has(keyOf(mutant.fileName, mutant, 1))));
		for (let index = candidates.length - 1; index > 0; index--) {
			const other = Math.floor(random() * (index + 1));
			[candidates[index], candidates[other]] = [candidates[other], candidates[index]];
		}
		const picked = [];
		for (const group of candidates) {
			if (picked.length >= sampleSize) break;
			picked.push(...group);
			const {
				fileName,
				location: {start, end},
			} = group[0];
			// Stryker takes a range as line:column-line:column, with lines from 1 and columns from 0.
			ranges.push(`${fileName}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`);
		}
		total += picked.length;
		const waiting = candidates.flat().length;
		console.log(`${path}: ${picked.length} mutants, drawn among ${waiting} without a result that enclose no other (${all.length} in all)`);
	}
	if (total > 0) console.log(`Sample drawn with --seed ${drawnWith}.`);
	return ranges;
}

/** Whether stryker.config.mjs's `mutate` globs take in the file: a sample and the scores count only those. */
function isMutated(name) {
	const patterns = config.mutate.map(pattern => ({negated: pattern.startsWith('!'), matches: globToRegExp(pattern.replace(/^!/, ''))}));
	return patterns.some(({negated, matches}) => !negated && matches.test(name)) && !patterns.some(({negated, matches}) => negated && matches.test(name));
}

async function printScores() {
	const report = readReport();
	const folders = new Map();
	const folderOf = name => name.split('/').slice(0, 2).join('/');
	for (const name of sourceFilesUnder('source')) {
		if (!isMutated(name)) continue;
		const folder = folders.get(folderOf(name)) ?? {files: new Set(), killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0, stale: 0};
		folder.files.add(name);
		folders.set(folderOf(name), folder);
	}
	const counted = new Set();
	for (const [fileName, file] of Object.entries(report.files)) {
		const folder = folders.get(folderOf(fileName));
		if (!folder || !folder.files.has(fileName)) continue;
		counted.add(fileName);
		if (readFileSync(fileName, 'utf8') !== file.source) folder.stale++;
		for (const {status} of file.mutants) {
			if (status === 'Killed') folder.killed++;
			else if (status === 'Timeout') folder.timeout++;
			else if (status === 'Survived') folder.survived++;
			else if (status === 'NoCoverage') folder.noCoverage++;
			else folder.other++;
		}
	}
	console.log('folder            mutants  with a result  killed  timeout  survived  no coverage  score');
	for (const [name, folder] of [...folders].sort()) {
		const all = (await mutantsOf([...folder.files])).length;
		const valid = folder.killed + folder.timeout + folder.survived + folder.noCoverage;
		const score = valid === 0 ? '—' : `${((100 * (folder.killed + folder.timeout)) / valid).toFixed(1)}%`;
		const row = [
			name.padEnd(17),
			String(all).padStart(7),
			String(valid).padStart(14),
			String(folder.killed).padStart(7),
			String(folder.timeout).padStart(8),
			String(folder.survived).padStart(9),
			String(folder.noCoverage).padStart(12),
			score.padStart(6),
		];
		console.log(row.join(' ') + (folder.stale > 0 ? `  (${folder.stale} file(s) changed since their results)` : ''));
	}
	console.log('Ignored mutants (evaluated at import time, see ignoreStatic) and errors count in no score.');
}

function globToRegExp(glob) {
	const parts = glob.split(/(\*\*\/|\*)/).map(part => {
		if (part === '**/') return '(?:.*/)?';
		if (part === '*') return '[^/]*';
		return part.replaceAll(/[.+?^${}()|[\]\\]/g, '\\$&');
	});
	return new RegExp(`^${parts.join('')}$`);
}
