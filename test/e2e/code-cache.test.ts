// The screens keep V8's code cache of their libraries (source/ui/code-cache.ts) in the platform's
// cache folder, here $HOME/.cache of a terminal's own: a wizard quit with Ctrl-C leaves one, owner-
// only, and a broken or unwritable cache never stops a screen.
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cliPath} from '../helpers/cli.js';
import {startTerminal, terminalEnvironment, tmuxMissing, type Terminal} from '../helpers/tmux.js';

let terminal: Terminal | undefined;
let directory = '';

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
	rmSync(directory, {recursive: true, force: true});
});

/** Runs the wizard to its second step, as a person would, then quits with Ctrl-C; resolves with the screen at the end. */
async function wizardToStepTwo(env: Record<string, string>): Promise<string> {
	terminal?.kill();
	terminal = startTerminal([process.execPath, cliPath, 'setup'], {columns: 80, rows: 24, env, cwd: directory});
	await terminal.waitFor("Step 1 of 8 · What you'll need");
	terminal.keys('Enter');
	await terminal.waitFor('Step 2 of 8');
	terminal.keys('C-c');
	return terminal.waitFor('[exit 130]');
}

function cacheFiles(folder: string): string[] {
	try {
		return readdirSync(folder);
	} catch {
		return [];
	}
}

describe.skipIf(tmuxMissing)("the screens' code cache", () => {
	it('is left by the first wizard, owner-only, and a broken one is replaced, not a failure', async () => {
		directory = mkdtempSync(join(tmpdir(), 'tableau-connect-code-cache-'));
		const cache = join(directory, '.cache', 'tableau-connect');
		expect(cacheFiles(cache)).toEqual([]);

		await wizardToStepTwo(terminalEnvironment(directory));
		const files = cacheFiles(cache);
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(/^screen-libraries-[\da-f]{16}-v8-.+\.cache$/);
		const file = join(cache, files[0]!);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(cache).mode & 0o777).toBe(0o700);
		expect(statSync(file).size).toBeGreaterThan(100_000);

		writeFileSync(file, 'garbage, as a disk error or another program might leave');
		const screen = await wizardToStepTwo(terminalEnvironment(directory));
		expect(screen).not.toMatch(/error|failed/i);
		expect(cacheFiles(cache)).toEqual(files);
		expect(readFileSync(file, 'utf8')).not.toContain('garbage');
	});

	it('a cache folder that cannot be made changes nothing a person sees', async () => {
		directory = mkdtempSync(join(tmpdir(), 'tableau-connect-code-cache-'));
		writeFileSync(join(directory, 'not-a-folder'), '');
		const screen = await wizardToStepTwo({...terminalEnvironment(directory), XDG_CACHE_HOME: join(directory, 'not-a-folder')});
		expect(screen).not.toMatch(/error|failed|EEXIST|ENOTDIR/i);
		expect(readdirSync(directory)).toEqual(['not-a-folder']);
	});
});
