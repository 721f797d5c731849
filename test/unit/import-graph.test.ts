// The shape of source/: every import (static, `import type`, `export … from`, dynamic `import()`)
// of every file, read with TypeScript's own pre-processor, must point down the layers below and
// must not close a cycle. A cycle, even a type-only one, means two modules cannot be understood
// (or moved, or loaded lazily) one without the other; an import up the layers means a lower layer
// has started to know about a screen or a command.
//
// The layers, bottom to top (a folder may use its own files and those listed for it):
//   tableau    the REST client: nothing of ours
//   verify     the checks and diagnoses: tableau
//   profiles   the profile store: verify (the shape of a result), tableau
//   simulator  the simulated Tableau: verify (scenario outcomes), tableau
//   ui         Ink screens: verify, profiles, simulator, tableau
//   commands   one folder per command around commands/core: everything below
//   docs       the reference generator: commands, verify, profiles, tableau
//   cli.tsx    the entry: commands
// Inside commands/, core/ is what every command uses and knows no command; a command's folder
// may use core/ and another command's folder (the home screen opens setup and rotate); main.ts
// loads the commands.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

const allowed: Record<string, readonly string[]> = {
	tableau: [],
	verify: ['tableau'],
	profiles: ['verify', 'tableau'],
	simulator: ['verify', 'tableau'],
	ui: ['verify', 'profiles', 'simulator', 'tableau'],
	commands: ['ui', 'verify', 'profiles', 'simulator', 'tableau'],
	docs: ['commands', 'verify', 'profiles', 'tableau'],
	'cli.tsx': ['commands'],
	'globals.d.ts': [],
};

function sourceFiles(folder: string): string[] {
	return readdirSync(path.join(root, folder), {withFileTypes: true}).flatMap(entry => {
		const relative = path.posix.join(folder, entry.name);
		return entry.isDirectory() ? sourceFiles(relative) : /\.tsx?$/.test(entry.name) ? [relative] : [];
	});
}

const files = ['cli.tsx', ...sourceFiles('source')];
const known = new Set(files);

/** Our own modules that `file` imports, as paths from the root: `.js` specifiers name the `.ts` or `.tsx` file. */
function importsOf(file: string): string[] {
	const {importedFiles} = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
	return importedFiles
		.map(imported => imported.fileName)
		.filter(specifier => specifier.startsWith('.'))
		.map(specifier => {
			const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '');
			const found = [`${target}.ts`, `${target}.tsx`].find(candidate => known.has(candidate));
			if (!found) {
				throw new Error(`${file} imports ${specifier}, which is not a source file`);
			}

			return found;
		});
}

const graph = new Map(files.map(file => [file, [...new Set(importsOf(file))]]));

/** The layer of a file: its folder under source/, or the entry's own name. */
function layerOf(file: string): string {
	return file.startsWith('source/') ? file.split('/')[1]! : file;
}

/** Within commands/: 'main', 'core', or the command's folder. */
function commandPartOf(file: string): string {
	const [, , part = ''] = file.split('/');
	return part === 'main.ts' ? 'main' : part;
}

function ruleBroken(from: string, to: string): string | null {
	const [fromLayer, toLayer] = [layerOf(from), layerOf(to)];
	if (fromLayer !== toLayer) {
		return (allowed[fromLayer] ?? []).includes(toLayer) ? null : `${fromLayer} may not use ${toLayer}`;
	}

	if (fromLayer !== 'commands') {
		return null;
	}

	const [fromPart, toPart] = [commandPartOf(from), commandPartOf(to)];
	if (toPart === 'main' && fromPart !== 'main') {
		return 'only the entry uses commands/main.ts';
	}

	return fromPart === 'core' && toPart !== 'core' ? 'commands/core knows no command' : null;
}

/** Every cycle's files, as one path from a file back to itself, found by a depth-first walk. */
function findCycles(edges: Map<string, string[]>): string[][] {
	const cycles: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of edges.get(file) ?? []) {
			if (state.get(next) === 'open') {
				cycles.push([...stack.slice(stack.indexOf(next)), next]);
			} else if (!state.has(next)) {
				visit(next);
			}
		}

		stack.pop();
		state.set(file, 'done');
	};

	for (const file of edges.keys()) {
		if (!state.has(file)) {
			visit(file);
		}
	}

	return cycles;
}

describe('the import graph of source/', () => {
	it('reads every kind of import: static, type-only, re-export and dynamic', () => {
		const {importedFiles} = ts.preProcessFile(
			"import a from './a.js';\nimport type {B} from './b.js';\nexport {c} from './c.js';\nconst d = await import('./d.js');\ntype E = typeof import('./e.js');",
			true,
			true,
		);
		expect(importedFiles.map(imported => imported.fileName)).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js']);
		// The walk sees the lazy imports that keep Ink out of the commands without a screen.
		expect(graph.get('source/commands/main.ts')).toContain('source/commands/test/test.ts');
		expect(graph.get('source/commands/home/home.ts')).toContain('source/ui/home/HomeApp.tsx');
	});

	it('has no cycle, type-only imports included', () => {
		expect(findCycles(graph).map(cycle => cycle.join(' → '))).toEqual([]);
	});

	it('finds a cycle where there is one (the check cannot pass by seeing nothing)', () => {
		const cyclic = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a']],
			['d', ['a']],
		]);
		expect(findCycles(cyclic)).toEqual([['a', 'b', 'c', 'a']]);
	});

	it('points only down the layers', () => {
		const broken = [...graph].flatMap(([from, targets]) =>
			targets.flatMap(to => {
				const rule = ruleBroken(from, to);
				return rule ? [`${from} → ${to}: ${rule}`] : [];
			}),
		);
		expect(broken).toEqual([]);
	});

	it('knows every folder of source/ (a new one gets its place in the layers)', () => {
		expect([...new Set(files.map(file => layerOf(file)))].filter(layer => !(layer in allowed))).toEqual([]);
	});

	it('refuses what the layers forbid', () => {
		expect(ruleBroken('source/verify/diagnoses.ts', 'source/profiles/store.ts')).toBe('verify may not use profiles');
		expect(ruleBroken('source/tableau/client.ts', 'source/verify/types.ts')).toBe('tableau may not use verify');
		expect(ruleBroken('source/ui/home/HomeApp.tsx', 'source/commands/core/io.ts')).toBe('ui may not use commands');
		expect(ruleBroken('source/commands/core/run.ts', 'source/commands/test/test.ts')).toBe('commands/core knows no command');
		expect(ruleBroken('source/commands/home/home.ts', 'source/commands/setup/setup.ts')).toBeNull();
	});
});
