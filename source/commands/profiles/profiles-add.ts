import path from 'node:path';
import {shellQuote} from '../../tableau/shell-quote.js';
import {validateProfileName, type SavedProfile} from '../../profiles/store.js';
import {connectionFlags, environmentOrigins, tokenSecretFrom} from '../core/connection-flags.js';
import {interruptedExitCode} from '../core/interrupt.js';
import {writeLines, type CommandIo} from '../core/io.js';
import {describeSavedSecret, lastVerificationOf, openStoreFor, publicView} from '../core/profile-access.js';
import type {ProfilesValues} from './profiles-flags.js';
import {notRecordedNotice, recordsLastResult, resolveTarget} from '../core/run.js';
import {runAndReport} from '../core/run-report.js';
import {preflight} from '../core/preflight.js';
import {secretStoreChoice} from '../core/secret-store-choice.js';
import {recordingFrom} from '../core/trace-recording.js';
import {UsageError} from '../core/usage-error.js';

/** `profiles add NAME …`: verify, then save; or save as it is with --no-verify. */
export async function addProfile(io: CommandIo, values: ProfilesValues, name: string): Promise<number> {
	const problem = validateProfileName(name);
	if (problem) {
		throw new UsageError(problem);
	}

	const store = openStoreFor(io, {secretStore: values['secret-store']});
	if (store.get(name) && !values.force) {
		throw new UsageError(`A profile named "${name}" exists. Add --force to replace it, or edit it with "tableau-connect setup --profile ${name}".`);
	}

	const {serverText, siteText, tokenName} = connectionFlags(values, io);
	const target = resolveTarget(serverText, siteText);
	if ('error' in target) {
		throw new UsageError(target.error);
	}

	const recording = recordingFrom(values, io, 'stream');
	const verification = {
		...(await preflight(io, {
			flags: values,
			saves: true,
			secretStore: secretStoreChoice(values['secret-store'], io.env),
			secretStoreFlag: values['secret-store'],
		})),
		...recording.options,
	};
	const tokenSecret = await tokenSecretFrom(values, io);

	// The CA file is saved as an absolute path, so the profile works from any folder; --insecure never is.
	const caFile = values['ca-file'] === undefined ? null : path.resolve(values['ca-file']);
	const input = {name, server: target.server, site: target.site, tokenName, tokenSecret, caFile};
	const report = (saved: SavedProfile) => {
		const where = describeSavedSecret(saved, store.path);
		// With --json, stdout holds only JSON; where the secret went still reaches the person.
		writeLines(values.json ? io.stderr : io.stdout, [where, ...(saved.warning ? [saved.warning] : [])]);
	};

	if (values['no-verify']) {
		const saved = await store.save(input);
		writeLines(
			io.stdout,
			values.json
				? [JSON.stringify(publicView(saved.profile), null, 2)]
				: [`Saved profile "${name}" without testing it. Test it with: tableau-connect test ${name}`],
		);
		report(saved);
		return 0;
	}

	const notice = notRecordedNotice(verification);
	if (notice) {
		io.stderr.write(`${notice}\n`);
	}

	// Nothing is saved when the test fails: the remedies must not name a profile that does not exist.
	const result = await runAndReport({...input, profile: name, rerun: {kind: 'command'}}, verification, io, values, environmentOrigins(values, io));
	if (values.json) {
		writeLines(io.stdout, [JSON.stringify(result, null, 2)]);
	}

	writeLines(io.stderr, await recording.finish());
	if (io.interrupts.stopped) {
		writeLines(io.stderr, [`Not saved: the test of "${name}" was interrupted.`]);
		return interruptedExitCode;
	}

	if (!result.ok) {
		writeLines(io.stderr, [
			`Not saved: "${name}" failed its test. Correct the values above and run the command again, or add --no-verify to save it anyway:`,
			`  ${addCommandAgain(name, values, input)}`,
		]);
		return 1;
	}

	const saved = await store.save(input);
	if (recordsLastResult(verification, result)) {
		store.recordVerification(name, lastVerificationOf(result));
	}

	if (!values.json) {
		writeLines(io.stdout, [`Saved profile "${name}" in ${store.path}.`]);
	}

	report(saved);
	return 0;
}

/**
The `profiles add` command that was run, with the values it resolved to and the same flags, to correct
and run again. The secret is never part of it: it comes from standard input, as it did, or the environment.
*/
function addCommandAgain(name: string, values: ProfilesValues, input: {server: string; site: string; tokenName: string; caFile: string | null}): string {
	const flags = [
		`--server ${shellQuote(input.server)}`,
		`--site ${input.site === '' ? "''" : shellQuote(input.site)}`,
		`--token-name ${shellQuote(input.tokenName)}`,
		...(values['token-secret-stdin'] ? ['--token-secret-stdin'] : []),
		...(input.caFile === null ? [] : [`--ca-file ${shellQuote(input.caFile)}`]),
		...(values.timeout === undefined ? [] : [`--timeout ${shellQuote(values.timeout)}`]),
		...(values['api-version'] === undefined ? [] : [`--api-version ${shellQuote(values['api-version'])}`]),
		...(values.insecure ? ['--insecure'] : []),
		...(values['secret-store'] === undefined ? [] : [`--secret-store ${shellQuote(values['secret-store'])}`]),
		...(values.force ? ['--force'] : []),
		...(values.json ? ['--json'] : []),
	];
	const command = `tableau-connect profiles add ${shellQuote(name)} ${flags.join(' ')}`;
	return values['token-secret-stdin'] ? `printf %s "$SECRET" | ${command}` : command;
}
