import {createElement} from 'react';
import {render} from 'ink';
import type {OpenedProfileStore} from '../profiles/store.js';
import type {Profile} from '../profiles/types.js';
import {TestRunApp, type TestRunOutcome} from '../ui/profile-tests/TestRunApp.js';
import {verifyConnection, type VerificationInput, type VerificationOptions} from '../verify/pipeline.js';
import type {CommandIo} from './io.js';
import {lastVerificationOf} from './profile-access.js';

/**
`test NAME` and `test --all` on a terminal: the live check lines of the home screen, one block per
profile, then a summary. Loaded only on a terminal, so scripts and `--json` never load Ink.
Exit code as the plain output's: 0 when every profile verified, 1 otherwise.
*/
export async function runLiveProfileTests(
	profiles: Profile[],
	connections: Map<string, {input: VerificationInput; options: VerificationOptions}>,
	store: OpenedProfileStore,
	io: CommandIo,
	options: {color: boolean; limit: number},
): Promise<number> {
	const instance = render(
		createElement(TestRunApp, {
			profiles: profiles.map(({name, server, site, tokenName, lastVerification}) => ({name, server, site, tokenName, lastVerification})),
			async verify(name, onEvent) {
				const {input, options} = connections.get(name)!;
				return verifyConnection(input, {...options, onEvent});
			},
			record(name, result) {
				store.recordVerification(name, lastVerificationOf(result));
			},
			limit: options.limit,
			color: options.color,
		}),
		{
			stdin: io.stdin as NodeJS.ReadStream,
			stdout: io.stdout as NodeJS.WriteStream,
			stderr: io.stderr as NodeJS.WriteStream,
			patchConsole: false,
		},
	);
	const outcome = (await instance.waitUntilExit()) as TestRunOutcome | undefined;
	return outcome && outcome.results.every(result => result?.ok) ? 0 : 1;
}
