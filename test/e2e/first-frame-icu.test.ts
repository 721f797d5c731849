// The wizard's first frame must not start ICU (about 10 ms and 2 MiB): Ink's text packages get the
// build's lazy grapheme segmenter (scripts/build.js), which only creates an Intl.Segmenter for text
// that needs one. A preloaded hook (test/fixtures/record-segmenters.mjs) writes down each
// Intl.Segmenter the built CLI creates; typing a combining accent is the positive control that
// proves the hook sees them.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {cliPath} from '../helpers/cli.js';
import {startTerminal, terminalEnvironment, tmuxMissing, type Terminal} from '../helpers/tmux.js';

const hook = fileURLToPath(new URL('../fixtures/record-segmenters.mjs', import.meta.url));
let terminal: Terminal | undefined;
let directory = '';

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
	rmSync(directory, {recursive: true, force: true});
});

function segmentersCreated(file: string): string[] {
	return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

describe.skipIf(tmuxMissing)('ICU and the first frame', () => {
	it('draws the wizard up to the server step without creating an Intl.Segmenter; a combining accent creates one', async () => {
		directory = mkdtempSync(join(tmpdir(), 'tableau-connect-icu-'));
		const record = join(directory, 'segmenters');
		terminal = startTerminal([process.execPath, '--import', hook, cliPath, 'setup'], {
			columns: 80,
			rows: 24,
			env: {...terminalEnvironment(directory), RECORD_SEGMENTERS_FILE: record},
			cwd: directory,
		});
		await terminal.waitFor("Step 1 of 8 · What you'll need");
		expect(segmentersCreated(record)).toEqual([]);
		for (const title of ['Step 2 of 8', 'Step 3 of 8', 'Step 4 of 8', 'Step 5 of 8 · Server details']) {
			terminal.keys('Enter');
			await terminal.waitFor(title);
		}

		terminal.type('https://tableau.example.com');
		await terminal.waitFor('https://tableau.example.com');
		expect(segmentersCreated(record)).toEqual([]);

		terminal.type('/cafe\u0301');
		await terminal.waitFor('example.com/caf');
		expect(segmentersCreated(record).length).toBeGreaterThan(0);
	});
});
