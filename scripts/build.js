// Bundles the CLI so that start-up reads a few files instead of hundreds of modules.
// Code splitting keeps Ink and React in chunks that only the interactive commands import.
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
Ink's text packages (string-width, slice-ansi, @alcalzone/ansi-tokenize) each create an
Intl.Segmenter when imported; the first one starts ICU before the wizard's first frame. They get
source/ui/lazy-segmenter.ts instead, which answers the text we draw without ICU and builds the real
segmenter on the first string that needs it. The build fails if a package stops matching, so an
upgrade cannot drop the patch unnoticed.
*/
const lazySegmenterModule = fileURLToPath(new URL('../source/ui/lazy-segmenter.ts', import.meta.url));
const segmenterCreators =
	/[/\\]node_modules[/\\](?:string-width[/\\]index|slice-ansi[/\\]tokenize-ansi|@alcalzone[/\\]ansi-tokenize[/\\]build[/\\]tokenize)\.js$/;
const lazySegmenter = {
	name: 'lazy-segmenter',
	setup(builder) {
		builder.onLoad({filter: segmenterCreators}, args => {
			const original = readFileSync(args.path, 'utf8');
			const patched = original.replaceAll('new Intl.Segmenter(', 'new LazyGraphemeSegmenter(');
			if (patched === original || patched.includes('Intl.Segmenter')) {
				throw new Error(`${args.path} no longer creates its Intl.Segmenter the way scripts/build.js expects: update the lazy-segmenter plugin.`);
			}

			return {contents: `import {LazyGraphemeSegmenter} from ${JSON.stringify(lazySegmenterModule)};\n${patched}`, loader: 'js'};
		});
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
	// Ink loads its devtools bridge only when DEV=true; that optional package is not installed.
	// @napi-rs/keyring is a native module (a prebuilt .node file per platform) that esbuild cannot
	// inline: it stays a runtime dependency, loaded with createRequire by the commands that need it.
	external: ['react-devtools-core', '@napi-rs/keyring'],
	plugins: [yogaWithoutFetch, confWithoutAjv, lazySegmenter],
	logLevel: 'warning',
	// Which source modules went into which chunk: test/e2e/imports.test.ts reads it to prove that
	// the commands without a screen never load Ink or React. Not shipped (see "files").
	metafile: true,
});
writeFileSync(new URL('../dist/meta.json', import.meta.url), JSON.stringify(result.metafile));

// The bundle contains other people's code; their licences travel with it.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
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
