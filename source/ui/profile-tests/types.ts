import type {LastVerification} from '../../profiles/types.js';
import type {RemedyFrame} from '../../verify/remedy-frame.js';
import type {VerificationEvent, VerificationResult} from '../../verify/types.js';

/** A saved profile as the screens show it: everything but the secret, which never reaches a component. */
export type ProfileSummary = {
	name: string;
	server: string;
	site: string;
	tokenName: string;
	lastVerification: LastVerification | null;
};

/** Tests the saved profile `name`, reporting each check as it starts and ends; `rerun`: the keys of the screen its remedies are read on. */
export type VerifyProfile = (name: string, onEvent: (event: VerificationEvent) => void, rerun?: RemedyFrame) => Promise<VerificationResult>;

/** Keeps `result` as the profile's last verification; may be synchronous. */
export type RecordResult = (name: string, result: VerificationResult) => void | Promise<void>;
