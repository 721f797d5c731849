// Bundles the CLI so that start-up reads a few files instead of hundreds of modules.
// Code splitting keeps Ink and React in chunks that only the interactive commands import.
import {build} from 'esbuild';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});

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
	external: ['react-devtools-core'],
	logLevel: 'warning',
	// Which source modules went into which chunk: test/e2e/imports.test.ts reads it to prove that
	// the commands without a screen never load Ink or React. Not shipped (see "files").
	metafile: true,
});
writeFileSync(new URL('../dist/meta.json', import.meta.url), JSON.stringify(result.metafile));
