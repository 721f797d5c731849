import type {OpenedProfileStore} from '../../profiles/store.js';
import type {Profile} from '../../profiles/types.js';
import type {HomeAppProps} from '../../ui/home/HomeApp.js';
import type {ProfileSummary} from '../../ui/profile-tests/types.js';
import type {VerificationOptions} from '../../verify/pipeline.js';
import {connectionOf, lastVerificationOf} from '../core/profile-access.js';
import {recordsLastResult} from '../core/run.js';
import type {RunTrace, RunTraces} from '../core/run-traces.js';

/** A profile without its secret: all a screen needs to show it. */
export function summaryOf({name, server, site, tokenName, lastVerification}: Profile): ProfileSummary {
	return {name, server, site, tokenName, lastVerification};
}

/**
The home screen's I/O over the real store and pipeline. Secrets stay here: the screen gets names and
summaries, and `verify` reads the secret from the store when the test starts, so one changed by
another process since the list was drawn is the one used. With `traces`, each profile's last test
here is kept, so the screen can save its trace (w).
*/
export function homeDependencies(
	store: OpenedProfileStore,
	verification: VerificationOptions,
	caFileFlag?: string,
	traces?: RunTraces | null,
): Pick<HomeAppProps, 'list' | 'verify' | 'record' | 'remove' | 'moveServer' | 'saveTrace'> {
	const lastRuns = new Map<string, RunTrace>();
	return {
		list: () => store.list().map(profile => summaryOf(profile)),
		async verify(name, onEvent, rerun) {
			const profile = store.get(name);
			if (!profile) {
				throw new Error(`"${name}" is no longer saved in ${store.path}.`);
			}

			// The HTTP client loads with the first test, so the list appears without waiting for it.
			const [{verifyConnection}, {input, options}] = await Promise.all([
				import('../../verify/pipeline.js'),
				connectionOf(store, profile, verification, caFileFlag),
			]);
			const trace = traces?.start();
			if (trace) {
				lastRuns.set(name, trace);
			}

			return verifyConnection(rerun ? {...input, rerun} : input, {...options, onEvent, ...(trace ? {observer: trace.observer} : {})});
		},
		record(name, result) {
			if (recordsLastResult(verification, result)) {
				store.recordVerification(name, lastVerificationOf(result));
			}
		},
		async remove(name) {
			// A keychain entry that could not be deleted is not reported here: the screen's notice says
			// only removed or not (left for the home screen's owner; \`profiles remove\` prints it).
			await store.remove(name);
		},
		...(traces
			? {
					async saveTrace(name: string) {
						const trace = lastRuns.get(name);
						if (!trace) {
							throw new Error(`"${name}" has not been tested here yet`);
						}

						return trace.save(name);
					},
				}
			: {}),
		moveServer(name, server) {
			// Only the address changes: the secret stays where it lives, untouched.
			store.setServer(name, server);
		},
	};
}
