import {parseCommandArgs} from '../core/args.js';
import {verificationFlagOptions} from '../core/verification-options.js';

// The flags of `test`, read by both of its halves (values given here, and saved profiles).
export const testOptions = {
	server: {type: 'string'},
	site: {type: 'string'},
	'token-name': {type: 'string'},
	'token-secret-stdin': {type: 'boolean'},
	all: {type: 'boolean'},
	json: {type: 'boolean'},
	'expiry-warning-days': {type: 'string'},
	strict: {type: 'boolean'},
	...verificationFlagOptions,
} as const;

export type ParsedTestArgs = ReturnType<typeof parseTestArgs>;

/** `describe` takes the flags of `test`, and names itself in the hint of a usage error. */
export function parseTestArgs(argv: string[], command: 'test' | 'describe' = 'test') {
	return parseCommandArgs(command, argv, testOptions);
}
