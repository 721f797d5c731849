import {looksLikeTokenSecret, misplacedSecretMessage} from '../tableau/secret-shape.js';

const maximumLength = 64;
const allowed = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
Checks a profile name: 1 to 64 characters, letters, digits, `.`, `_` and `-`, not starting with `-`
(it would read as a flag) or `.` (it would look like a hidden file). Returns null when the name is
fine, else a message that says what to type instead.
*/
export function validateProfileName(name: string): string | null {
	if (name.length === 0) {
		return 'Type a name for the profile, for example acme-prod.';
	}

	if (looksLikeTokenSecret(name)) {
		return misplacedSecretMessage('profile name');
	}

	if (name.length > maximumLength) {
		return `A profile name can have at most ${maximumLength} characters (this one has ${name.length}): try "${suggestName(name)}".`;
	}

	if (allowed.test(name)) {
		return null;
	}

	if (/^[-.]/.test(name) && allowed.test(name.replace(/^[-.]+/, ''))) {
		return `A profile name cannot start with "-" or ".": try "${suggestName(name)}".`;
	}

	return `A profile name can only use letters, digits, ".", "_" and "-": try "${suggestName(name)}".`;
}

// A valid name close to what was typed, so the message offers something to copy.
function suggestName(name: string): string {
	const suggestion = name
		.replaceAll(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^[-.]+/, '')
		.slice(0, maximumLength)
		.replace(/[-.]+$/, '');
	return suggestion === '' ? 'acme-prod' : suggestion;
}
