// Types of scripts/secret-service.js (plain JavaScript, so that scripts/bench.js can use it too).

export type SecretService = {
	/** What a client needs to find this Secret Service (pass it to the CLI). */
	env: {DBUS_SESSION_BUS_ADDRESS: string; XDG_RUNTIME_DIR: string};
	/** The secret stored under service `tableau-connect` and this account, as secret-tool reads it; null when none. */
	lookup(account: string): string | null;
	/** What `secret-tool search --all service tableau-connect` prints. */
	search(): string;
	/** Deletes an entry behind tableau-connect's back, as a person could with secret-tool or Seahorse. */
	clear(account: string): void;
	/** Locks the keyring; with no prompter to unlock it, every use of it is then refused. */
	lock(): void;
	stop(): Promise<void>;
};

/** Starts a private Secret Service, or says why it cannot (a missing tool, a daemon that would not start). */
export function startSecretService(): Promise<SecretService | {unavailable: string}>;
