// The two prompts commands show on a terminal: the hidden secret prompt and the one-line question.
// A fake terminal input (a stream with raw mode) stands in for the keyboard.
import {PassThrough, Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {Interrupted} from '../../source/commands/core/interrupt.js';
import {processIo, promptLine, readSecretFromStdin} from '../../source/commands/core/io.js';

function terminal() {
	const input = Object.assign(new PassThrough({encoding: 'utf8'}), {isTTY: true, modes: [] as boolean[], refs: 0});
	Object.assign(input, {
		setRawMode(mode: boolean) {
			input.modes.push(mode);
		},
		ref() {
			input.refs++;
		},
	});
	let shown = '';
	const output = new Writable({
		write(chunk: Buffer | string, _encoding, done) {
			shown += chunk.toString();
			done();
		},
	});
	return {input, output, shown: () => shown};
}

const listeners = (input: PassThrough) => ({data: input.listenerCount('data'), end: input.listenerCount('end')});

describe('the hidden secret prompt', () => {
	it('reads what is typed up to Enter in raw mode, edits with Backspace and Ctrl-U, and shows none of it', async () => {
		const {input, output, shown} = terminal();
		const before = listeners(input);
		const secret = readSecretFromStdin(input, output);
		input.write('wrong\u0015ab\u007Fc\bd\u0001e\rignored');
		await expect(secret).resolves.toBe('ade');
		expect(input.modes).toEqual([true, false]);
		expect(shown()).toBe('Token secret (typing is hidden; Enter when done): \n');
		expect(listeners(input)).toEqual(before);
		expect(input.isPaused()).toBe(true);
	});

	it('ends at the end of input with what was typed', async () => {
		const {input, output} = terminal();
		const before = listeners(input);
		const secret = readSecretFromStdin(input, output);
		input.end('typed');
		await expect(secret).resolves.toBe('typed');
		expect(listeners(input)).toEqual(before);
	});

	it('Ctrl-C stops it with what was left undone, and leaves raw mode', async () => {
		const {input, output} = terminal();
		const secret = readSecretFromStdin(input, output, 'no profile was saved');
		input.write('abc\u0003');
		const error = await secret.catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(Interrupted);
		expect((error as Error).message).toBe('Interrupted: no secret was read, no profile was saved.');
		expect(input.modes).toEqual([true, false]);
	});

	it('refuses an empty answer with what to do instead', async () => {
		const {input, output} = terminal();
		const secret = readSecretFromStdin(input, output);
		input.write('  \n');
		await expect(secret).rejects.toThrow('No secret was typed. Type or paste the token secret at the prompt, or set TABLEAU_TOKEN_SECRET.');
	});
});

describe('promptLine', () => {
	it('asks in line mode, holds the input, and answers with the first line only', async () => {
		const {input, output, shown} = terminal();
		const before = listeners(input);
		const answer = promptLine(input, output, 'Profile name: ');
		input.write('acme');
		input.write('-cloud\r\nsecond line\n');
		await expect(answer).resolves.toBe('acme-cloud');
		expect(input.modes).toEqual([false]);
		expect(input.refs).toBe(1);
		expect(shown()).toBe('Profile name: ');
		expect(listeners(input)).toEqual(before);
	});

	it('answers with what was typed when the input ends without a line break', async () => {
		const {input, output} = terminal();
		const answer = promptLine(input, output, '? ');
		input.end('partial');
		await expect(answer).resolves.toBe('partial');
	});
});

it("processIo hands a command the process's own streams and environment", () => {
	const io = processIo();
	expect(io.stdout).toBe(process.stdout);
	expect(io.stderr).toBe(process.stderr);
	expect(io.stdin).toBe(process.stdin);
	expect(io.env).toBe(process.env);
	expect(io.interrupts.stopped).toBe(false);
});
