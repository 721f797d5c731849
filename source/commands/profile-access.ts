import {maskSecret, openProfileStore, type OpenedProfileStore} from '../profiles/store.js';
import type {LastVerification, Profile} from '../profiles/types.js';
import type {VerificationResult} from '../verify/types.js';
import type {CommandIo} from './io.js';
import {UsageError} from './usage-error.js';

export {describeLastVerification, timeAgo} from '../profiles/last-verification.js';

/** Opens the store, passing on its warning about loose file permissions to stderr. */
export function openStoreFor(io: CommandIo, options: {quiet?: boolean} = {}): OpenedProfileStore {
	const store = openProfileStore({env: io.env});
	if (store.permissionWarning && !options.quiet) {
		io.stderr.write(`Warning: ${store.permissionWarning}\n`);
	}

	return store;
}

/** The named profile, or a usage error that lists the names that do exist. */
export function requireProfile(store: OpenedProfileStore, name: string): Profile {
	const profile = store.get(name);
	if (profile) {
		return profile;
	}

	const names = store.list().map(item => item.name);
	throw new UsageError(
		names.length === 0
			? `No profile named "${name}": no profiles are saved yet. Create one with "tableau-connect setup".`
			: `No profile named "${name}". Saved profiles: ${names.join(', ')}.`,
	);
}

/** What a profile keeps of a run, so lists can show it without signing in again. */
export function lastVerificationOf(result: VerificationResult, at = new Date()): LastVerification {
	return {
		at: at.toISOString(),
		ok: result.ok,
		diagnosisCode: result.diagnosis?.code ?? null,
		productVersion: result.serverInfo?.productVersion ?? null,
		apiVersion: result.apiVersion,
		userName: result.user?.name ?? null,
		siteRole: result.user?.siteRole ?? null,
		token: result.token,
		access: result.access,
	};
}

/** A profile as it may be shown: everything but the secret. */
export function publicView(profile: Profile) {
	const {tokenSecret, ...rest} = profile;
	return {...rest, tokenSecret: maskSecret(tokenSecret)};
}
