import type {Access, DiagnosisCode, TokenExpiry} from '../verify/types.js';

/** The outcome of the last verification, kept so lists can show it without signing in again. */
export type LastVerification = {
	at: string; // ISO time
	ok: boolean;
	diagnosisCode: DiagnosisCode | null;
	productVersion: string | null;
	apiVersion: string | null;
	userName: string | null;
	siteRole: string | null;
	/** Tableau's estimate of the token's expiry at that run; absent in stores written before it was kept. */
	token?: TokenExpiry | null;
	/** What Parable could read at that run; absent in stores written before it was kept. */
	access?: Access | null;
};

/** A saved connection. `tokenSecret` is a secret: mask it everywhere but the store itself. */
export type Profile = {
	name: string;
	server: string;
	site: string;
	tokenName: string;
	tokenSecret: string;
	createdAt: string;
	updatedAt: string;
	lastVerification: LastVerification | null;
};

/** What a new or edited profile needs; the store fills in the times. */
export type ProfileInput = Pick<Profile, 'name' | 'server' | 'site' | 'tokenName' | 'tokenSecret'>;

/**
The store as the commands and the wizard see it. Every method reads the file afresh, so two
processes saving at once do not undo each other.
*/
export type ProfileStore = {
	/** Absolute path of the file, for messages. */
	readonly path: string;
	list(): Profile[];
	get(name: string): Profile | undefined;
	/** Creates or replaces `input.name`, keeping `createdAt` and `lastVerification` of an existing one. */
	save(input: ProfileInput): Profile;
	recordVerification(name: string, verification: LastVerification): void;
	remove(name: string): boolean;
	rename(from: string, to: string): void;
};
