import type {ProfileInput} from '../../profiles/types.js';
import type {OpenedProfileStore} from '../../profiles/store.js';
import type {VerificationResult} from '../../verify/types.js';
import {describeSavedSecret, lastVerificationOf} from '../core/profile-access.js';
import {notRecordedNotice, recordsLastResult, type RecordedOptions} from '../core/run.js';

/**
The wizard's `save` prop over the real store: writes the profile (the secret to the keychain when
one is usable), then its last verification when there was one, and says where. The wizard itself
never sees the store. Where the secret went is added to `notes`, for the command to print once the
wizard's screen is done: a line drawn under Ink would be overwritten. `verifyOptions` are the
wizard's test options: whether its result is kept is the run module's rule, as for every command.
*/
export function wizardSaver(
	openStore: () => Promise<OpenedProfileStore>,
	notes: string[],
	verifyOptions: RecordedOptions,
): (input: ProfileInput, verification: VerificationResult | null, options?: {renameFrom?: string}) => Promise<{path: string}> {
	let opened: Promise<OpenedProfileStore> | undefined;
	return async (input, verification, options = {}) => {
		opened ??= openStore();
		const store = await opened;
		const from = options.renameFrom;
		const renamed: string[] = [];
		if (from !== undefined && store.get(from) !== undefined) {
			if (store.get(input.name) === undefined) {
				// Renamed, not copied: the keychain entry moves with it, then the new values are saved over it.
				const moved = await store.rename(from, input.name);
				renamed.push(`Renamed the profile "${from}" to "${input.name}".`, ...(moved.warning ? [moved.warning] : []));
			}
		}

		const saved = await store.save(input);
		if (from !== undefined && store.get(from) !== undefined && from !== input.name) {
			// The new name replaced another saved profile (the wizard warned): the old one goes, as a rename would.
			const removed = await store.remove(from);
			renamed.push(`Removed the profile "${from}": it is saved as "${input.name}" now.`, ...(removed.warning ? [removed.warning] : []));
		}

		const recorded = recordsLastResult(verifyOptions, verification);
		if (recorded) {
			store.recordVerification(input.name, lastVerificationOf(verification));
		}

		const notice = verification && !recorded ? notRecordedNotice(verifyOptions) : null;
		// A second save of the same profile (save anyway, then retry) replaces what the first one said.
		notes.splice(0, notes.length, ...renamed, describeSavedSecret(saved, store.path), ...(saved.warning ? [saved.warning] : []), ...(notice ? [notice] : []));
		return {path: store.path};
	};
}
