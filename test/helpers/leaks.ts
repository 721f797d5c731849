// One leak check for every test that shows, prints or writes something: no piece of a token secret
// or of a session token may appear in any output, not only the whole value.
import {expect} from 'vitest';

/** The shortest piece of a secret that counts as a leak anywhere in an output. */
export const leakPieceLength = 6;

/**
A shorter piece still counts next to a mask: `Abcd••••••••` hands out the secret's first four
characters, and that is exactly how a partial reveal looks.
*/
const maskedPieceLength = 4;
/** A mask is a run of three or more of these; a lone `*` or `•` is punctuation. */
const maskCharacters = '•*●';

/** Anything that holds secrets: a string, or a simulator (its token secret and the session tokens it saw). */
export type SecretSource =
	string | {tokenSecret: string; requests?: ReadonlyArray<{headers: Record<string, string | string[] | undefined>}>} | null | undefined;

const uuid = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
The secret parts of a session token. Tableau's tokens read `random|random|site-luid`; the site LUID
is shown on purpose (the curl view, `--json`), so only the random parts count.
*/
function sessionTokenParts(token: string): string[] {
	return token.split('|').filter(part => !uuid.test(part));
}

/** The token secret of each source, and every session token a simulator's requests carried (X-Tableau-Auth). */
export function secretsOf(sources: readonly SecretSource[]): string[] {
	const secrets = new Set<string>();
	for (const source of sources) {
		if (typeof source === 'string') {
			secrets.add(source);
		} else if (source) {
			secrets.add(source.tokenSecret);
			for (const request of source.requests ?? []) {
				const token = request.headers['x-tableau-auth'];
				for (const value of Array.isArray(token) ? token : [token]) {
					for (const part of sessionTokenParts(value ?? '')) {
						secrets.add(part);
					}
				}
			}
		}
	}

	return [...secrets].filter(secret => secret.length >= leakPieceLength);
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A search for the pieces of one secret; it describes where a piece is without repeating it. */
export function leakFinder(secret: string): (text: string) => string | null {
	const pieces: string[] = [];
	for (let start = 0; start + leakPieceLength <= secret.length; start++) {
		pieces.push(secret.slice(start, start + leakPieceLength));
	}

	const mask = `[${escapeRegExp(maskCharacters)}]{3}`;
	const masked: RegExp[] = [];
	for (let start = 0; start + maskedPieceLength <= secret.length; start++) {
		const piece = escapeRegExp(secret.slice(start, start + maskedPieceLength));
		masked.push(new RegExp(`${piece}\\s?${mask}|${mask}\\s?${piece}`));
	}

	return text => {
		for (const [start, piece] of pieces.entries()) {
			const at = text.indexOf(piece);
			if (at !== -1) {
				return `characters ${start + 1}–${start + leakPieceLength} of a ${secret.length}-character secret, at offset ${at}`;
			}
		}

		for (const [start, pattern] of masked.entries()) {
			const match = pattern.exec(text);
			if (match) {
				return `characters ${start + 1}–${start + maskedPieceLength} of a secret beside a mask, at offset ${match.index}`;
			}
		}

		return null;
	};
}

/**
Fails when any output holds a piece of 6 or more characters of any secret (or a shorter piece next
to a mask). Outputs are stdout, stderr, frames, scrollback and files (except the store,
which holds the secret on purpose); sources are secrets or simulators.
*/
export function expectNoSecrets(outputs: string | readonly string[], ...sources: SecretSource[]): void {
	const secrets = secretsOf(sources);
	expect(secrets.length, 'the leak check was given no secret to look for').toBeGreaterThan(0);
	const texts = typeof outputs === 'string' ? [outputs] : outputs;
	const finders = secrets.map(secret => leakFinder(secret));
	const leaks: string[] = [];
	for (const [index, text] of texts.entries()) {
		for (const [which, find] of finders.entries()) {
			const leak = find(text);
			if (leak) {
				leaks.push(`output ${index + 1} of ${texts.length}, secret ${which + 1}: ${leak}`);
			}
		}
	}

	// The message names where, never the piece: a failing test must not print the secret either.
	expect(leaks.join('\n'), 'pieces of a secret or session token in the output').toBe('');
}
