import {chmod, mkdtemp, open, unlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Exchange, ExchangeObserver} from '../../tableau/exchange.js';
import {debugLines, harOf} from '../../tableau/har.js';
import type {CommandIo} from './io.js';
import {createRunTraces, type RunTraces} from './run-traces.js';
import {UsageError} from './usage-error.js';

export type RecordingFlags = {debug?: boolean | undefined; trace?: string | undefined};

/** What `--debug`, `TABLEAU_CONNECT_DEBUG=1` and `--trace FILE` asked for, for the verification options and for the end of the command. */
export type Recording = {
	options: {observer?: ExchangeObserver};
	/**
	On a screen (`screen`), every run, so that its failure screen can save its trace afterwards; each run
	is passed on to `options.observer` too. Null for commands that print as they go (`stream`).
	*/
	runs: RunTraces | null;
	/** Writes the HAR file (and the debug file of a full-screen command); returns the lines that say where. */
	finish(): Promise<string[]>;
};

export function debugRequested(values: RecordingFlags, io: CommandIo): boolean {
	return values.debug === true || /^(1|true|yes)$/i.test(io.env['TABLEAU_CONNECT_DEBUG'] ?? '');
}

/**
One home for the trace flags of every command that talks to Tableau. `stream`: debug lines go to
stderr as they happen (stdout, and so `--json`, is untouched); `screen`: a full-screen view owns the
terminal, so they go to a file it names at the end. Without either flag a printing command observes
nothing: the run costs what it did; a screen keeps each run's redacted exchanges (`runs`) for the
key that saves a failed test's trace, and nothing more.
*/
export function recordingFrom(values: RecordingFlags, io: CommandIo, where: 'stream' | 'screen'): Recording {
	const debug = debugRequested(values, io);
	const traceFile = values.trace === undefined ? null : path.resolve(values.trace);
	if (values.trace !== undefined && values.trace.trim() === '') {
		throw new UsageError('--trace needs a file name, for example --trace tableau-connect.har.');
	}

	if (!debug && traceFile === null) {
		return {options: {}, runs: where === 'screen' ? createRunTraces(undefined, io.env) : null, finish: async () => []};
	}

	const finished: Exchange[] = [];
	const debugText: string[] = [];
	const emit = (lines: string[]) => {
		if (where === 'stream') {
			io.stderr.write(`${lines.join('\n')}\n`);
		} else {
			debugText.push(...lines);
		}
	};

	const observer: ExchangeObserver = {
		...(debug
			? {
					sent(exchange: Exchange) {
						emit(debugLines(exchange, 'sent'));
					},
				}
			: {}),
		finished(exchange) {
			finished.push(exchange);
			if (debug) {
				emit(debugLines(exchange, 'finished'));
			}
		},
	};

	return {
		options: {observer},
		runs: where === 'screen' ? createRunTraces(observer, io.env) : null,
		async finish() {
			const said: string[] = [];
			if (traceFile !== null) {
				await writeOwnerOnly(traceFile, `${JSON.stringify(harOf(finished, __VERSION__), null, 2)}\n`);
				said.push(
					`Saved a trace of ${finished.length} request${finished.length === 1 ? '' : 's'} to ${traceFile} (HAR 1.2). It holds no secret; send it to your support contact.`,
				);
			}

			if (debug && where === 'screen') {
				// A folder of its own: a name guessed in the shared temp folder could be a link to another file.
				const file = path.join(await mkdtemp(path.join(tmpdir(), 'tableau-connect-debug-')), 'debug.log');
				await writeOwnerOnly(file, `${debugText.join('\n')}\n`);
				said.push(`The --debug output of this session is in ${file}.`);
			}

			return said;
		},
	};
}

/**
Why the --trace file could not be written at the end of the run, found before it starts: the run
signs in, which ends the token's other sessions, so a trace that would be lost must not cost that.
A file that is not there yet is created owner-only and removed again; one that is there is opened
for writing, untouched. Null when the end of the run can write it.
*/
export async function traceFileProblem(given: string): Promise<string | null> {
	const file = path.resolve(given);
	try {
		try {
			await (await open(file, 'wx', 0o600)).close();
			await unlink(file);
		} catch (error) {
			if (codeOf(error) !== 'EEXIST') {
				throw error;
			}

			await (await open(file, 'r+')).close();
		}

		return null;
	} catch (error) {
		const reason = codeOf(error) === 'EISDIR' ? 'it is a folder' : (codeOf(error) ?? String(error));
		return `Cannot write the --trace file ${file} (${reason}). Give a path in a folder you can write to, for example --trace tableau-connect.har.`;
	}
}

function codeOf(error: unknown): string | undefined {
	return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}

/** The file is created owner-only, and made so if it was already there. */
async function writeOwnerOnly(file: string, text: string): Promise<void> {
	try {
		await writeFile(file, text, {mode: 0o600});
		await chmod(file, 0o600);
	} catch (error) {
		const reason = codeOf(error) ?? String(error);
		throw new UsageError(`Could not write ${file} (${reason}). Give a path in a folder you can write to.`);
	}
}
