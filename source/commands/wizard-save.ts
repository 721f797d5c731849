import type {ProfileInput} from '../profiles/types.js';
import type {OpenedProfileStore} from '../profiles/store.js';
import type {VerificationResult} from '../verify/types.js';
import {lastVerificationOf} from './profile-access.js';

/**
The wizard's `save` prop over the real store: writes the profile, then its last verification when
there was one, and says where. The wizard itself never sees the store.
*/
export function wizardSaver(
	openStore: () => Promise<OpenedProfileStore>,
): (input: ProfileInput, verification: VerificationResult | null) => Promise<{path: string}> {
	let opened: Promise<OpenedProfileStore> | undefined;
	return async (input, verification) => {
		opened ??= openStore();
		const store = await opened;
		store.save(input);
		if (verification) {
			store.recordVerification(input.name, lastVerificationOf(verification));
		}

		return {path: store.path};
	};
}
