import {readFile} from 'node:fs/promises';
import {looksLikeTokenSecret, misplacedSecretMessage} from '../../tableau/secret-shape.js';
import {createInterrupts, Interrupted, type Interrupts} from './interrupt.js';
import {UsageError} from './usage-error.js';
import {hanging} from './wrap.js';

/** What a command may touch of the process: injected, so tests run commands in-process. */
export type CommandIo = {
	stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	stderr: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	env: NodeJS.ProcessEnv;
	/** Ctrl-C, as it reaches this command: the process's signals (see `listenToSignals`), or a test's hand. */
	interrupts: Interrupts;
};

/** The process's own streams and environment; its signals reach `interrupts` once the entry listens to them. */
export function processIo(): CommandIo {
	return {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, interrupts: createInterrupts()};
}

export function writeLines(stream: NodeJS.WritableStream, lines: string[]): void {
	if (lines.length > 0) {
		stream.write(`${lines.join('\n')}\n`);
	}
}

/**
A warning on stderr, `Warning: ` in front (a `Note:` keeps its own word). On a terminal it wraps by
whole words under its own text: the terminal would break words at its edge, and the tail of a broken
line is what stays in sight above a screen drawn next.
*/
export function writeWarning(io: Pick<CommandIo, 'stderr'>, text: string): void {
	const [lead, rest] = text.startsWith('Note: ') ? ['Note: ', text.slice('Note: '.length)] : ['Warning: ', text];
	writeLines(io.stderr, hanging(lead, rest, io.stderr.isTTY ? io.stderr.columns : undefined));
}

type TerminalInput = CommandIo['stdin'] & {setRawMode?: (mode: boolean) => unknown};

/**
Asks for the secret on the terminal without echoing it, as `sudo` and `aws configure` do; refusing
would push people to paste it into their shell, and so into its history.
*/
async function promptHidden(stdin: TerminalInput, stderr: CommandIo['stderr'], leftUndone: string): Promise<string> {
	stderr.write('Token secret (typing is hidden; Enter when done): ');
	stdin.setRawMode?.(true);
	let secret = '';
	try {
		// A listener, not `for await`: leaving such a loop early destroys the stream, and a destroyed
		// terminal stream can no longer leave raw mode, so Ctrl-C would stay a plain key for the rest
		// of the run (a test could then not be interrupted).
		return await new Promise<string>((resolve, reject) => {
			const finish = (settle: () => void) => {
				stdin.off('data', onData);
				stdin.off('end', onEnd);
				settle();
			};

			const onEnd = () => {
				finish(() => {
					resolve(secret);
				});
			};

			const onData = (chunk: string | Buffer) => {
				for (const character of String(chunk)) {
					if (character === '\r' || character === '\n') {
						finish(() => {
							resolve(secret);
						});
						return;
					}

					if (character === '\u0003') {
						finish(() => {
							reject(new Interrupted(`Interrupted: no secret was read, ${leftUndone}.`));
						});
						return;
					}

					if (character === '\u007F' || character === '\b') {
						secret = secret.slice(0, -1);
					} else if (character === '\u0015') {
						secret = '';
					} else if (character >= ' ') {
						secret += character;
					}
				}
			};

			stdin.on('data', onData);
			stdin.on('end', onEnd);
			stdin.resume();
		});
	} finally {
		stdin.setRawMode?.(false);
		stdin.pause();
		stderr.write('\n');
	}
}

/**
Asks one question on the terminal and reads the answer line, in the terminal's own line mode (it
echoes and edits; Ctrl-C is the usual signal). Not readline: its key decoder stays on the input for
good once attached, and an Ink screen drawn afterwards would no longer receive keys.
*/
export async function promptLine(stdin: CommandIo['stdin'], stderr: CommandIo['stderr'], question: string): Promise<string> {
	const input = stdin as TerminalInput & {ref?: () => void};
	input.setRawMode?.(false);
	// An Ink screen that just ended let go of the input (unref): hold it while waiting for the answer.
	input.ref?.();
	stderr.write(question);
	let text = '';
	// Left flowing, not paused, once answered: an Ink screen drawn next on a paused terminal input
	// ends at once (seen with ink 6.8 in tmux). Whatever reads next (the hidden prompt, Ink) takes it over.
	return new Promise<string>(resolve => {
		const finish = () => {
			input.off('data', onData);
			input.off('end', finish);
			resolve(text.split(/\r?\n/, 1)[0]!);
		};

		const onData = (chunk: string | Buffer) => {
			text += String(chunk);
			if (/[\r\n]/.test(text)) {
				finish();
			}
		};

		input.on('data', onData);
		input.on('end', finish);
		input.resume();
	});
}

/**
Reads the secret from standard input: piped (the final line break `echo` adds is dropped here; the
caller drops any other whitespace around it), or typed at a hidden prompt on a terminal.
*/
export async function readSecretFromStdin(stdin: CommandIo['stdin'], stderr: CommandIo['stderr'], leftUndone = 'nothing was tested'): Promise<string> {
	if (stdin.isTTY) {
		const typed = await promptHidden(stdin, stderr, leftUndone);
		if (typed.trim() === '') {
			throw new UsageError('No secret was typed. Type or paste the token secret at the prompt, or set TABLEAU_TOKEN_SECRET.');
		}

		return typed;
	}

	const chunks: Buffer[] = [];
	for await (const chunk of stdin) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	}

	const secret = Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
	if (secret.trim() === '') {
		throw new UsageError('--token-secret-stdin was given, but standard input was empty. Pipe the token secret in, or set TABLEAU_TOKEN_SECRET.');
	}

	return secret;
}

/**
Reads a PEM bundle for `--ca-file` (or a profile's saved CA file: `label` says which), with a
message that says what to fix when it is not one.
*/
export async function readCaFile(path: string | undefined, label = '--ca-file'): Promise<string | null> {
	if (path === undefined) {
		return null;
	}

	if (looksLikeTokenSecret(path)) {
		throw new UsageError(`${label}: ${misplacedSecretMessage('CA file path')}`);
	}

	let pem: string;
	try {
		pem = await readFile(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		throw new UsageError(`${label} ${path}: cannot read it (${code}). Give the path of a PEM file holding your organisation's CA certificate.`);
	}

	if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
		throw new UsageError(`${label} ${path}: no "-----BEGIN CERTIFICATE-----" block in it. Export the CA certificate as PEM (Base-64), not DER.`);
	}

	return pem;
}
