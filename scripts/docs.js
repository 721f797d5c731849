// `npm run docs`: writes docs/reference.md from the code (source/docs/reference.ts). The module is
// TypeScript, so esbuild bundles it in memory first; the test compares the file with a fresh run.
import {build} from 'esbuild';
import {mkdirSync, writeFileSync} from 'node:fs';

const bundled = await build({
	entryPoints: ['source/docs/reference.ts'],
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	write: false,
	logLevel: 'warning',
});
const {referenceMarkdown} = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
mkdirSync(new URL('../docs', import.meta.url), {recursive: true});
writeFileSync(new URL('../docs/reference.md', import.meta.url), referenceMarkdown());
console.log('Wrote docs/reference.md');
