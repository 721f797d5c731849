import {createElement} from 'react';
import {render} from 'ink';
import type {OpenedProfileStore} from '../../profiles/store.js';
import type {Profile} from '../../profiles/types.js';
import {TestRunApp, type TestRunOutcome} from '../../ui/profile-tests/TestRunApp.js';
import {verifyConnection, type VerificationInput, type VerificationOptions} from '../../verify/pipeline.js';
import type {VerificationResult} from '../../verify/types.js';
import type {CommandIo} from '../core/io.js';
import {lastVerificationOf} from '../core/profile-access.js';
import {recordsLastResult} from '../core/run.js';
import {exitCodeOf} from '../core/run-report.js';

/**
`test NAME` and `test --all` on a terminal: the live check lines of the home screen, one block per
profile, then a summary. Loaded only on a terminal, so scripts and `--json` never load Ink.
Exit code as the plain output's: 0 when every profile verified, 130 after Ctrl-C, 1 otherwise; and
the results, in the profiles' order, for what is said after the view.
Ink leaves the terminal's Ctrl-C alone here (no key is read), so it arrives as SIGINT: the tests
stop at once, sign out, and the last frame says so.
*/
export async function runLiveProfileTests(
	profiles: Profile[],
	connections: Map<string, {input: VerificationInput; options: VerificationOptions}>,
	store: OpenedProfileStore,
	io: CommandIo,
	options: {color: boolean; limit: number; timeoutMs: number | undefined; strict?: boolean | undefined},
): Promise<{code: number; results: Array<VerificationResult | null>}> {
	return io.interrupts.whileInterruptible(async signal => {
		const instance = render(
			createElement(TestRunApp, {
				profiles: profiles.map(({name, server, site, tokenName, lastVerification}) => ({name, server, site, tokenName, lastVerification})),
				async verify(name, onEvent) {
					const connection = connections.get(name)!;
					return verifyConnection(connection.input, {...connection.options, onEvent, signal});
				},
				record(name, result) {
					if (recordsLastResult(connections.get(name)!.options, result)) {
						store.recordVerification(name, lastVerificationOf(result));
					}
				},
				limit: options.limit,
				color: options.color,
				signal,
				timeoutMs: options.timeoutMs,
			}),
			{
				stdin: io.stdin as NodeJS.ReadStream,
				stdout: io.stdout as NodeJS.WriteStream,
				stderr: io.stderr as NodeJS.WriteStream,
				patchConsole: false,
			},
		);
		const outcome = (await instance.waitUntilExit()) as TestRunOutcome | undefined;
		// No outcome means the screen ended without one: as much a failure as a test that crashed.
		const results = outcome?.results ?? [null];
		return {code: exitCodeOf(results, {strict: options.strict, io}), results};
	});
}
