// Bundles the CLI so that start-up reads a few files instead of hundreds of modules.
// Code splitting keeps Ink and React in chunks that only the interactive commands import.
import {createHash} from 'node:crypto';
import {build} from 'esbuild';
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});

/**
yoga-layout (Ink's layout engine) embeds its WebAssembly as a data: URL and loads it with the global
`fetch` when there is one. In Node that first `fetch` loads Node's own copy of undici, about 35 ms
before the wizard's first frame. Telling yoga there is no `fetch` makes it decode the embedded bytes
directly, which it already does where `fetch` is missing.
*/
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(builder) {
		builder.onLoad({filter: /yoga-layout[/\\]dist[/\\]binaries[/\\].*\.js$/}, args => ({
			contents: readFileSync(args.path, 'utf8')
				.replaceAll('typeof fetch', '"undefined"')
				// The screens' libraries are a script (see below), without import.meta; the embedded
				// WebAssembly needs no address to be found at.
				.replace('var _scriptDir = import.meta.url;', 'var _scriptDir = undefined;')
				// Node's atob and a byte-by-byte copy of its string: Buffer decodes the 90 KB natively, and
				// leaves no 120 KB string behind for the collector, before the first frame.
				.replace(
					'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
					'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
				),
			loader: 'js',
		}));
	},
};

/**
conf imports ajv (with ajv-formats) at the top of its module, but only uses it when it is given a
JSON schema, and our store passes none: it checks its file itself (source/profiles/store-document.ts).
Leaving ajv out of the bundle saves every profile command about 11 MiB and 35 ms. Should anyone pass
conf a schema, the stub says why it fails instead of validating nothing.
*/
const confWithoutAjv = {
	name: 'conf-without-ajv',
	setup(builder) {
		builder.onResolve({filter: /^ajv(\/dist\/2020\.js|-formats)$/}, args => ({path: args.path, namespace: 'ajv-stub'}));
		builder.onLoad({filter: /.*/, namespace: 'ajv-stub'}, () => ({
			contents:
				"const unavailable = () => { throw new Error('JSON-schema validation (ajv) is not bundled: the profile store validates its own file.'); };" +
				'export class Ajv2020 { constructor() { unavailable(); } } export default unavailable;',
			loader: 'js',
		}));
	},
};

/**
`import process from 'node:process'` makes Node build the module's ES facade, which reads every
property of \`process\`: its getters load the diagnostic-report module and list every flag Node
accepts, about 6 ms before the wizard's first frame. Ink, chalk and their helpers, and our own
modules, all mean the global object, so they get it directly. A named import not listed here fails
the build ("No matching export"), so none can go missing unnoticed.
*/
const processWithoutFacade = {
	name: 'process-without-facade',
	setup(builder) {
		builder.onResolve({filter: /^(node:)?process$/}, args => ({path: args.path, namespace: 'global-process'}));
		builder.onLoad({filter: /.*/, namespace: 'global-process'}, () => ({
			contents: 'const process = globalThis.process; export default process; export const {env} = process; export const cwd = () => process.cwd();',
			loader: 'js',
		}));
	},
};

/**
Ink's text packages get the shortcuts of source/ui/lazy-segmenter.ts and source/ui/text-fast-paths.ts:
- string-width, slice-ansi and @alcalzone/ansi-tokenize each create an Intl.Segmenter when imported,
  and the first one starts ICU before the wizard's first frame: they get the lazy segmenter, which
  answers the text we draw without ICU;
- string-width keeps each code point's width, for strings where every code point is a grapheme;
- ansi-tokenize's style diff answers "nothing changed" without building sets.
Each patch names the text it replaces; the build fails if a package no longer has it, so an upgrade
cannot drop a shortcut unnoticed.
*/
const sourceModule = path => JSON.stringify(fileURLToPath(new URL(`../source/ui/${path}`, import.meta.url)));
const segmenter = ['new Intl.Segmenter(', 'new LazyGraphemeSegmenter('];
const segmenterImport = `import {LazyGraphemeSegmenter} from ${sourceModule('lazy-segmenter.ts')};`;
const dependencyPatches = [
	{
		file: /[/\\]node_modules[/\\]string-width[/\\]index\.js$/,
		imports: [segmenterImport, `import {withCodePointWidths} from ${sourceModule('text-fast-paths.ts')};`],
		replace: [segmenter, ['export default function stringWidth(', 'function stringWidth(']],
		append: 'export default withCodePointWidths(stringWidth, stripAnsi);',
	},
	{file: /[/\\]node_modules[/\\]slice-ansi[/\\]tokenize-ansi\.js$/, imports: [segmenterImport], replace: [segmenter]},
	{file: /[/\\]node_modules[/\\]@alcalzone[/\\]ansi-tokenize[/\\]build[/\\]tokenize\.js$/, imports: [segmenterImport], replace: [segmenter]},
	{
		file: /[/\\]node_modules[/\\]@alcalzone[/\\]ansi-tokenize[/\\]build[/\\]diff\.js$/,
		imports: [`import {withUnchangedStyles} from ${sourceModule('text-fast-paths.ts')};`],
		replace: [['export function diffAnsiCodes(', 'function everyAnsiCodeDiff(']],
		append: 'export const diffAnsiCodes = withUnchangedStyles(everyAnsiCodeDiff);',
	},
	/*
	Two imports Ink's dependencies make at the top of a module for a path the wizard never takes,
	each a few milliseconds of Node's own modules before the first frame: terminal-size runs a
	command (child_process, which brings dgram) only when no stream reports the terminal's size,
	and signal-exit 3 checks one argument with assert.
	*/
	{
		file: /[/\\]node_modules[/\\]terminal-size[/\\]index\.js$/,
		imports: [],
		replace: [["import {execFileSync} from 'node:child_process';", "const execFileSync = (...args) => require('node:child_process').execFileSync(...args);"]],
	},
	/*
	Ink's reconciler waits, at the top of its module, for its devtools bridge and its package.json,
	both only when DEV=true: a script (the screens' libraries, below) cannot wait there. Without the
	bridge, DEV=true gets Ink's own warning that react-devtools-core is not installed.
	*/
	{
		file: /[/\\]node_modules[/\\]ink[/\\]build[/\\]reconciler\.js$/,
		imports: [],
		replace: [
			["await import('./devtools.js');", "throw Object.assign(new Error('The React devtools bridge is not bundled.'), {code: 'ERR_MODULE_NOT_FOUND'});"],
			['? await loadPackageJson()', '? {name: undefined, version: undefined}'],
		],
	},
	{
		file: /[/\\]node_modules[/\\]signal-exit[/\\]index\.js$/,
		imports: [],
		replace: [
			["var assert = require('assert')", 'var assert = {equal: function (actual, expected, message) { if (actual != expected) throw new TypeError(message) }}'],
		],
	},
];
const patchedDependencies = {
	name: 'patched-dependencies',
	setup(builder) {
		builder.onLoad({filter: /[/\\]node_modules[/\\].*\.js$/}, args => {
			const patch = dependencyPatches.find(candidate => candidate.file.test(args.path));
			if (!patch) {
				return undefined;
			}

			let contents = readFileSync(args.path, 'utf8');
			for (const [from, to] of patch.replace) {
				if (!contents.includes(from)) {
					throw new Error(`${args.path} no longer contains "${from}": update dependencyPatches in scripts/build.js.`);
				}

				contents = contents.replaceAll(from, to);
			}

			if (contents.includes('Intl.Segmenter')) {
				throw new Error(`${args.path} creates an Intl.Segmenter in a new way: update dependencyPatches in scripts/build.js.`);
			}

			return {contents: [...patch.imports, contents, patch.append ?? ''].join('\n'), loader: 'js'};
		});
	},
};

const root = fileURLToPath(new URL('..', import.meta.url));

/**
The screens' libraries (Ink, ink-text-input, React, its JSX runtime, and what they bring: the
reconciler, the layout engine, the text packages) are one script, dist/chunks/screen-libraries.js,
that source/ui/code-cache.ts runs with V8's code cache: an ES module cannot take one on Node 20, and
compiling these 360 KB is a tenth of the wizard's first frame. The script is a function expression
`(module, exports, require) => …` that exports each library as a namespace, and a promise for the
layout engine, whose WebAssembly an ES module would have awaited at its top.
*/
const screenLibraries = {ink: 'ink', 'ink-text-input': 'inkTextInput', react: 'react', 'react/jsx-runtime': 'reactJsxRuntime'};
const librariesFile = 'dist/chunks/screen-libraries.js';

const yogaAfterStart = {
	name: 'yoga-after-start',
	setup(builder) {
		builder.onLoad({filter: /yoga-layout[/\\]dist[/\\]src[/\\]index\.js$/}, args => {
			const contents = readFileSync(args.path, 'utf8');
			const wait = 'const Yoga = wrapAssembly(await loadYoga());';
			if (!contents.includes(wait)) {
				throw new Error(`${args.path} no longer contains "${wait}": update yogaAfterStart in scripts/build.js.`);
			}

			// Ink reads Yoga only inside its functions, once a screen renders: after yogaReady.
			return {
				contents: contents.replace(
					wait,
					'const Yoga = {}; export const yogaReady = loadYoga().then(module => { Object.assign(Yoga, wrapAssembly(module)); });',
				),
				loader: 'js',
			};
		});
	},
};

const libraries = await build({
	stdin: {
		contents: [
			...Object.entries(screenLibraries).map(([name, id]) => `export * as ${id} from ${JSON.stringify(name)};`),
			"export {yogaReady} from 'yoga-layout';",
		].join('\n'),
		resolveDir: root,
		sourcefile: 'screen-libraries.js',
		loader: 'js',
	},
	outfile: librariesFile,
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: '(function (module, exports, require) {'},
	footer: {js: '})'},
	plugins: [yogaWithoutFetch, yogaAfterStart, processWithoutFacade, patchedDependencies],
	logLevel: 'warning',
	metafile: true,
});
// The cache's name carries this, so that a cache of another build is never offered to V8.
const librariesKey = createHash('sha256').update(readFileSync(librariesFile)).digest('hex').slice(0, 16);

/**
In the rest of the bundle, each library is a module that takes its exports from the script, which
the first of them runs. The names are read off the libraries themselves, so none can go missing.
*/
const exportedNames = Object.fromEntries(
	// Only names a module can export (Node 23 and later also list 'module.exports' for CommonJS).
	await Promise.all(Object.keys(screenLibraries).map(async name => [name, Object.keys(await import(name)).filter(key => /^[A-Za-z_$][\w$]*$/.test(key))])),
);
const codeCache = JSON.stringify(fileURLToPath(new URL('../source/ui/code-cache.ts', import.meta.url)));
// The flags cli.tsx starts the run with, which V8 checks a cache against: one cache for each set.
const v8Flags = JSON.stringify(fileURLToPath(new URL('../source/commands/core/v8-flags.ts', import.meta.url)));
const librariesFromScript = {
	name: 'libraries-from-script',
	setup(builder) {
		const names = Object.keys(screenLibraries).map(name => name.replace('/', '\\/'));
		builder.onResolve({filter: new RegExp(`^(${names.join('|')})$`)}, args => ({path: args.path, namespace: 'screen-libraries'}));
		builder.onResolve({filter: /^screen-libraries$/}, () => ({path: 'run', namespace: 'screen-libraries'}));
		builder.onLoad({filter: /.*/, namespace: 'screen-libraries'}, args => ({
			contents:
				args.path === 'run'
					? [
							`import {cacheDirectory, runWithCodeCache} from ${codeCache};`,
							`import {v8FlagsFor} from ${v8Flags};`,
							"import {fileURLToPath} from 'node:url';",
							`const identity = {key: ${JSON.stringify(librariesKey)}, flags: v8FlagsFor(process.argv.slice(2))};`,
							"export const {exports: screenLibraries} = runWithCodeCache(fileURLToPath(new URL('./screen-libraries.js', import.meta.url)), identity, cacheDirectory(process.env));",
							'await screenLibraries.yogaReady;',
						].join('\n')
					: [
							"import {screenLibraries} from 'screen-libraries';",
							`const library = screenLibraries.${screenLibraries[args.path]};`,
							`export const {${exportedNames[args.path].filter(key => key !== 'default').join(', ')}} = library;`,
							// A library without a default export gets none, so that a mistaken default import fails the build.
							...(exportedNames[args.path].includes('default') ? ['export default library.default;'] : []),
						].join('\n'),
			loader: 'js',
			resolveDir: root,
		}));
	},
};

const result = await build({
	entryPoints: {cli: 'cli.tsx'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	minify: true,
	legalComments: 'none',
	chunkNames: 'chunks/[name]-[hash]',
	define: {
		'process.env.NODE_ENV': '"production"',
		__VERSION__: JSON.stringify(pkg.version),
	},
	banner: {
		// Some bundled CommonJS dependencies call require(); give them one.
		js: "#!/usr/bin/env node\nimport {createRequire as __createRequire} from 'node:module';const require=__createRequire(import.meta.url);",
	},
	// @napi-rs/keyring is a native module (a prebuilt .node file per platform) that esbuild cannot
	// inline: it stays a runtime dependency, loaded with createRequire by the commands that need it.
	external: ['@napi-rs/keyring'],
	plugins: [librariesFromScript, confWithoutAjv, processWithoutFacade],
	logLevel: 'warning',
	// Which source modules went into which chunk: test/e2e/imports.test.ts reads it to prove that
	// the commands without a screen never load Ink or React. Not shipped (see "files").
	metafile: true,
});
const metafile = {inputs: {...result.metafile.inputs, ...libraries.metafile.inputs}, outputs: {...result.metafile.outputs, ...libraries.metafile.outputs}};
writeFileSync(new URL('../dist/meta.json', import.meta.url), JSON.stringify(metafile));

// The bundle contains other people's code; their licences travel with it.
const packages = new Map();
for (const input of Object.keys(metafile.inputs)) {
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
	if (match && !packages.has(match[1])) {
		const folder = input.slice(0, match.index + match[0].length);
		const manifest = JSON.parse(readFileSync(`${folder}package.json`, 'utf8'));
		const licenceFile = readdirSync(folder).find(name => /^licen[cs]e/i.test(name));
		packages.set(match[1], {
			version: manifest.version,
			license: manifest.license,
			text: licenceFile ? readFileSync(`${folder}${licenceFile}`, 'utf8').trim() : null,
		});
	}
}

const notices = [...packages]
	.sort(([a], [b]) => a.localeCompare(b))
	.map(([name, {version, license, text}]) => `${name} ${version} (${license})\n\n${text ?? `Licensed under ${license}.`}`);
writeFileSync(
	new URL('../dist/THIRD-PARTY-NOTICES.txt', import.meta.url),
	`tableau-connect bundles the following packages.\n\n${notices.join('\n\n' + '-'.repeat(72) + '\n\n')}\n`,
);
