import type {parseCommandArgs} from '../core/args.js';
import {verificationFlagOptions} from '../core/verification-options.js';

/** The flags of every `profiles` action: the actions live in files of their own, and all read these. */
export const profilesOptions = {
	json: {type: 'boolean'},
	yes: {type: 'boolean', short: 'y'},
	server: {type: 'string'},
	site: {type: 'string'},
	'token-name': {type: 'string'},
	'token-secret-stdin': {type: 'boolean'},
	'no-verify': {type: 'boolean'},
	force: {type: 'boolean'},
	'secret-store': {type: 'string'},
	none: {type: 'boolean'},
	...verificationFlagOptions,
} as const;

export type ProfilesValues = ReturnType<typeof parseCommandArgs<typeof profilesOptions>>['values'];
