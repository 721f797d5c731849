import {chmod, mkdir, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Exchange, ExchangeObserver} from '../../tableau/exchange.js';
import {harOf} from '../../tableau/har.js';

// The failure screens' "save trace" key: every test run on a screen keeps its exchange in memory, as
// the pipeline hands it over (already redacted), so its trace can be written after the person has
// read the diagnosis. Keeping costs a push per request; the HAR is built only when the key is used.

/** A run's requests kept for its trace; a run that retries for longer is cut there, and the HAR says so. */
export const keptExchanges = 50;
/** A body longer than this (an HTML page, a proxy's answer) is kept only this far. */
export const keptBodyCharacters = 16 * 1024;

/** One run's trace: the observer to give its verification, and the writer of its HAR file. */
export type RunTrace = {
	observer: ExchangeObserver;
	/** Writes the run as an owner-only HAR 1.2 file named after `label` (a profile's name or the server) and returns its path. */
	save(label: string): Promise<string>;
};

/** The runs of a session on a screen; each is passed on to `--debug` and `--trace` too, when they were asked for. */
export type RunTraces = {start(): RunTrace};

function kept(exchange: Exchange): Exchange {
	const cut = (text: string) =>
		text.length > keptBodyCharacters ? `${text.slice(0, keptBodyCharacters)}… (cut at ${keptBodyCharacters} characters in this saved trace)` : text;
	return {...exchange, requestBody: exchange.requestBody === null ? null : cut(exchange.requestBody), responseBody: cut(exchange.responseBody)};
}

/** A file name's part made of what any file system takes: `acme.cloud`, `127.0.0.1-8443`. */
function fileNamePart(label: string): string {
	return (
		label
			.replaceAll(/[^\w.-]+/g, '-')
			.replaceAll(/^[.-]+|[.-]+$/g, '')
			.slice(0, 60) || 'run'
	);
}

/**
Where saved traces go: the `traces` folder beside the profile store, owner-only; when that cannot be
made (a read-only home), a new owner-only folder in the system's temporary folder.
*/
async function traceFolder(env: NodeJS.ProcessEnv): Promise<string> {
	const {configDirectory} = await import('../../profiles/config-directory.js');
	const folder = path.join(configDirectory(env), 'traces');
	try {
		await mkdir(folder, {recursive: true, mode: 0o700});
		await chmod(folder, 0o700);
		return folder;
	} catch {
		// A folder of its own: a name guessed in the shared temporary folder could be a link to another file.
		return mkdtemp(path.join(tmpdir(), 'tableau-connect-traces-'));
	}
}

/** Writes `text` to a new owner-only file, `-2`, `-3` … after the name when one of that name is there. */
async function writeNew(folder: string, stem: string, text: string): Promise<string> {
	for (let attempt = 1; ; attempt++) {
		const file = path.join(folder, `${stem}${attempt === 1 ? '' : `-${attempt}`}.har`);
		try {
			await writeFile(file, text, {mode: 0o600, flag: 'wx'});
			return file;
		} catch (error) {
			if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST') || attempt >= 100) {
				throw error;
			}
		}
	}
}

/** The runs of one screen session; `session` is the observer of `--debug` and `--trace`, if any. */
export function createRunTraces(session: ExchangeObserver | undefined, env: NodeJS.ProcessEnv, now: () => number = Date.now): RunTraces {
	return {
		start() {
			const exchanges: Exchange[] = [];
			let left = 0;
			return {
				observer: {
					// Only --debug reads requests as they leave: without it they are not even redacted twice.
					...(session?.sent ? {sent: (exchange: Exchange) => session.sent!(exchange)} : {}),
					finished(exchange) {
						if (exchanges.length < keptExchanges) {
							exchanges.push(kept(exchange));
						} else {
							left++;
						}

						session?.finished(exchange);
					},
				},
				async save(label) {
					// Taken now: the run may go on (a sign-out) while the file is written.
					const comment = left === 0 ? undefined : `${left} later request${left === 1 ? ' was' : 's were'} left out of this saved trace.`;
					const text = `${JSON.stringify(harOf([...exchanges], __VERSION__, comment), null, 2)}\n`;
					const stamp = new Date(now())
						.toISOString()
						.replace(/\.\d+Z$/, 'Z')
						.replaceAll(':', '-');
					return writeNew(await traceFolder(env), `tableau-connect-trace-${fileNamePart(label)}-${stamp}`, text);
				},
			};
		},
	};
}
