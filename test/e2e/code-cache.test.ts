// The screens keep V8's code cache of their libraries (source/ui/code-cache.ts) in the platform's
// cache folder, here $HOME/.cache of a terminal's own: a wizard quit with Ctrl-C leaves one, owner-
// only, and a broken or unwritable cache never stops a screen.
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe} from 'vitest';
import {cliPath} from '../helpers/cli.js';
import {test} from '../helpers/fixtures.js';
import {startTerminal, terminalEnvironment, tmuxMissing, type Terminal} from '../helpers/tmux.js';

let terminal: Terminal | undefined;

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
});

/** Runs the wizard in `home` to its second step, as a person would, then quits with Ctrl-C; resolves with the screen at the end. */
async function wizardToStepTwo(home: string, env: Record<string, string>): Promise<string> {
	terminal?.kill();
	terminal = startTerminal([process.execPath, cliPath, 'setup'], {columns: 80, rows: 24, env, cwd: home});
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
	test('is left by the first wizard, owner-only, and a broken one is replaced, not a failure', async ({configDir: directory, expect}) => {
		const cache = join(directory, '.cache', 'tableau-connect');
		expect(cacheFiles(cache)).toEqual([]);

		await wizardToStepTwo(directory, terminalEnvironment(directory));
		const files = cacheFiles(cache);
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(/^screen-libraries-v8-.+-[\da-f]{8}-[\da-f]{16}\.cache$/);
		const file = join(cache, files[0]!);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(cache).mode & 0o777).toBe(0o700);
		expect(statSync(file).size).toBeGreaterThan(100_000);

		writeFileSync(file, 'garbage, as a disk error or another program might leave');
		const screen = await wizardToStepTwo(directory, terminalEnvironment(directory));
		expect(screen).not.toMatch(/error|failed/i);
		expect(cacheFiles(cache)).toEqual(files);
		expect(readFileSync(file, 'utf8')).not.toContain('garbage');
	});

	test("is used, not written again, by the next wizard; test NAME's live view, under other V8 flags, keeps its own", async ({
		configDir: directory,
		simulator,
		store,
		expect,
	}) => {
		const cache = join(directory, '.cache', 'tableau-connect');
		await wizardToStepTwo(directory, terminalEnvironment(directory));
		const [wizardCache] = cacheFiles(cache);
		const written = statSync(join(cache, wizardCache!));

		await wizardToStepTwo(directory, terminalEnvironment(directory));
		const again = statSync(join(cache, wizardCache!));
		expect([again.ino, again.mtimeMs], 'a cache V8 took is left as it is').toEqual([written.ino, written.mtimeMs]);

		const target = await simulator({scenario: 'ok'});
		await store.save({name: 'acme', server: target.url, site: target.site, tokenName: target.tokenName, tokenSecret: target.tokenSecret});
		terminal?.kill();
		terminal = startTerminal([process.execPath, cliPath, 'test', 'acme'], {columns: 80, rows: 24, env: terminalEnvironment(directory), cwd: directory});
		await terminal.waitFor('[exit 0]');
		expect(cacheFiles(cache).sort()).toHaveLength(2);
		expect(cacheFiles(cache)).toContain(wizardCache);

		await wizardToStepTwo(directory, terminalEnvironment(directory));
		const afterTest = statSync(join(cache, wizardCache!));
		expect([afterTest.ino, afterTest.mtimeMs], "the wizard's cache outlived test's").toEqual([written.ino, written.mtimeMs]);
	});

	test('a cache folder that cannot be made changes nothing a person sees', async ({configDir: directory, expect}) => {
		writeFileSync(join(directory, 'not-a-folder'), '');
		const screen = await wizardToStepTwo(directory, {...terminalEnvironment(directory), XDG_CACHE_HOME: join(directory, 'not-a-folder')});
		expect(screen).not.toMatch(/error|failed|EEXIST|ENOTDIR/i);
		expect(readdirSync(directory)).toEqual(['not-a-folder']);
	});
});
