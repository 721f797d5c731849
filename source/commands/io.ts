import {readFile} from 'node:fs/promises';
import {UsageError} from './usage-error.js';

/** What a command may touch of the process: injected, so tests run commands in-process. */
export type CommandIo = {
	stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	stderr: NodeJS.WritableStream & {isTTY?: boolean};
	stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	env: NodeJS.ProcessEnv;
};

export function processIo(): CommandIo {
	return {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env};
}

export function writeLines(stream: NodeJS.WritableStream, lines: string[]): void {
	if (lines.length > 0) {
		stream.write(`${lines.join('\n')}\n`);
	}
}

/**
Reads a secret piped on standard input. Only the final line break is dropped: a secret may
legitimately contain other whitespace, and `echo` adds exactly one.
*/
export async function readSecretFromStdin(stdin: CommandIo['stdin']): Promise<string> {
	if (stdin.isTTY) {
		throw new UsageError(
			'--token-secret-stdin reads the secret from a pipe, but standard input is a terminal.\nPipe it in, for example: printf %s "$SECRET" | tableau-connect test … --token-secret-stdin\nor set TABLEAU_TOKEN_SECRET instead.',
		);
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

/** Reads a PEM bundle for `--ca-file`, with a message that says what to fix when it is not one. */
export async function readCaFile(path: string | undefined): Promise<string | null> {
	if (path === undefined) {
		return null;
	}

	let pem: string;
	try {
		pem = await readFile(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		throw new UsageError(`--ca-file ${path}: cannot read it (${code}). Give the path of a PEM file holding your organisation's CA certificate.`);
	}

	if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
		throw new UsageError(`--ca-file ${path}: no "-----BEGIN CERTIFICATE-----" block in it. Export the CA certificate as PEM (Base-64), not DER.`);
	}

	return pem;
}
