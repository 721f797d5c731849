import {PassThrough} from 'node:stream';
import type {Profile} from '../../profiles/types.js';
import {describeSoonestExpiry} from '../../verify/findings.js';
import type {VerificationResult} from '../../verify/types.js';
import {writeLines, type CommandIo} from '../core/io.js';
import {connectionsOf, lastVerificationOf, openStoreFor, requireProfile} from '../core/profile-access.js';
import {runSummary} from '../../verify/labels.js';
import {exitCodeOf, insecureWarning, runAndReport, traceHint} from '../core/run-report.js';
import {preflight} from '../core/preflight.js';
import type {ParsedTestArgs} from './test-flags.js';
import {notRecordedNotice, recordsLastResult, refuseValuesWithProfile} from '../core/run.js';
import {debugRequested, recordingFrom} from '../core/trace-recording.js';
import {UsageError} from '../core/usage-error.js';
import {profileTestConcurrency} from '../core/verification-options.js';
import {renderProfileTable, rowFromResult, tableWidth} from '../core/profile-table.js';

async function mapBounded<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = Array.from({length: items.length});
	let next = 0;
	async function worker(): Promise<void> {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index]!);
		}
	}

	await Promise.all(Array.from({length: Math.min(limit, items.length)}, async () => worker()));
	return results;
}

/** Collects one profile's human output, so concurrent runs print whole blocks, not interleaved lines. */
function bufferedIo(io: CommandIo): {io: CommandIo; text: () => string} {
	const stdout = Object.assign(new PassThrough(), {isTTY: io.stdout.isTTY, columns: io.stdout.columns});
	let text = '';
	stdout.on('data', (chunk: Buffer) => {
		text += chunk.toString();
	});
	return {io: {...io, stdout}, text: () => text};
}

/**
Whether to show the live view: a person at a terminal. Scripts (a pipe, `--json`, CI, a dumb
terminal) get today's plain lines, and never load Ink; so does --debug, whose lines on stderr a
redrawing view would tear apart.
*/
function isLiveTerminal(io: CommandIo, values: ParsedTestArgs['values']): boolean {
	return io.stdout.isTTY === true && !values.json && !io.env['CI'] && io.env['TERM'] !== 'dumb' && !debugRequested(values, io);
}

/** The failed profiles by name, to test again with a trace. */
function failedNames(profiles: readonly Profile[], results: ReadonlyArray<VerificationResult | null>): string[] {
	return profiles.filter((_profile, index) => results[index] && !results[index].ok).map(profile => profile.name);
}

/** `tableau-connect test NAME…` and `test --all`: re-test saved profiles and record the outcome. */
export async function runProfileTests(names: string[], values: ParsedTestArgs['values'], io: CommandIo): Promise<number> {
	refuseValuesWithProfile(values);

	// Flags first: a mistyped --timeout is reported before anything about the store.
	const recording = recordingFrom(values, io, 'stream');
	const verification = {...(await preflight(io, {flags: values})), ...recording.options};
	const store = openStoreFor(io);
	let profiles: Profile[];
	if (values.all) {
		if (names.length > 0) {
			throw new UsageError('Give profile names or --all, not both.');
		}

		profiles = store.list();
		if (profiles.length === 0) {
			// A script reading the array gets an empty one, and the exit code still says nothing was tested.
			if (values.json) {
				writeLines(io.stdout, ['[]']);
			}

			throw new UsageError(`No profiles are saved in ${store.path}. Create one with "tableau-connect setup" or "tableau-connect profiles add".`);
		}
	} else {
		profiles = [...new Set(names)].map(name => requireProfile(store, name));
	}

	// Every secret and CA file is read before the first test, so a profile that cannot be tested is a usage error, not a failed sign-in.
	const connections = await connectionsOf(store, profiles, verification, values['ca-file']);
	const several = values.all === true || profiles.length > 1;
	const notice = notRecordedNotice(verification);
	if (notice) {
		io.stderr.write(`${notice}\n`);
	}

	if (isLiveTerminal(io, values)) {
		if (values.insecure) {
			io.stderr.write(`${insecureWarning}\n`);
		}

		const {runLiveProfileTests} = await import('./test-live.js');
		const live = await runLiveProfileTests(profiles, connections, store, io, {
			color: !values['no-color'] && !io.env['NO_COLOR'],
			limit: several ? profileTestConcurrency : 1,
			timeoutMs: verification.timeoutMs,
			strict: values.strict,
		});
		writeLines(io.stderr, [...(await recording.finish()), ...traceHint(live.results, failedNames(profiles, live.results), values, io)]);
		return live.code;
	}

	// One profile: its block as it runs. Several: each block is held back, for the table comes first.
	const finishedText: string[] = Array.from({length: profiles.length}, () => '');
	const results = await mapBounded(profiles, several ? profileTestConcurrency : 1, async profile => {
		const output = several ? bufferedIo(io) : {io, text: () => ''};
		const connection = connections.get(profile.name)!;
		const result: VerificationResult = await runAndReport(connection.input, connection.options, output.io, values);
		try {
			if (recordsLastResult(connection.options, result)) {
				store.recordVerification(profile.name, lastVerificationOf(result));
			}
		} catch (error) {
			// The result still stands; a store that went bad mid-run must not hide it.
			io.stderr.write(`Could not record the result of "${profile.name}": ${error instanceof Error ? error.message : String(error)}\n`);
		}

		finishedText[profiles.indexOf(profile)] = output.text();
		return result;
	});

	if (values.json) {
		writeLines(io.stdout, [JSON.stringify(several ? results : results[0], null, 2)]);
	} else if (several) {
		const at = new Date();
		writeLines(io.stdout, [
			...renderProfileTable(
				profiles.map((profile, index) => rowFromResult(profile, results[index] ?? null, at)),
				{columns: tableWidth(io), now: at.getTime()},
			),
			'',
		]);
		// Only what needs a look gets its details: the table already says the rest passed.
		for (const [index, result] of results.entries()) {
			if (!result.ok || result.warnings.length > 0) {
				io.stdout.write(`${finishedText[index]!}\n`);
			}
		}

		const soonest = describeSoonestExpiry(results.map((result, index) => ({name: profiles[index]!.name, token: result.token})));
		writeLines(io.stdout, [
			runSummary(
				results,
				profiles.map(profile => profile.name),
			),
			...(soonest ? [soonest] : []),
		]);
	}

	writeLines(io.stderr, [...(await recording.finish()), ...traceHint(results, failedNames(profiles, results), values, io)]);
	return exitCodeOf(results, {strict: values.strict, io});
}
