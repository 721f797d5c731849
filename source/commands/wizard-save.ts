import type {ProfileInput} from '../profiles/types.js';
import type {OpenedProfileStore} from '../profiles/store.js';
import type {VerificationResult} from '../verify/types.js';
import {describeSavedSecret, lastVerificationOf} from './profile-access.js';

/**
The wizard's `save` prop over the real store: writes the profile (the secret to the keychain when
one is usable), then its last verification when there was one, and says where. The wizard itself
never sees the store. Where the secret went is added to `notes`, for the command to print once the
wizard's screen is done: a line drawn under Ink would be overwritten.
*/
export function wizardSaver(
	openStore: () => Promise<OpenedProfileStore>,
	notes: string[] = [],
): (input: ProfileInput, verification: VerificationResult | null) => Promise<{path: string}> {
	let opened: Promise<OpenedProfileStore> | undefined;
	return async (input, verification) => {
		opened ??= openStore();
		const store = await opened;
		const saved = await store.save(input);
		if (verification) {
			store.recordVerification(input.name, lastVerificationOf(verification));
		}

		// A second save of the same profile (save anyway, then retry) replaces what the first one said.
		notes.splice(0, notes.length, describeSavedSecret(saved, store.path), ...(saved.warning ? [saved.warning] : []));
		return {path: store.path};
	};
}
