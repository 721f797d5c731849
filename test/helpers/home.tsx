// Renders the home screen with ink-testing-library over a real profile store in a temporary folder,
// so a test sees what a person sees and what the store keeps.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {homeDependencies} from '../../source/commands/home/home-dependencies.js';
import {openProfileStore, type OpenedProfileStore} from '../../source/profiles/store.js';
import type {ProfileInput} from '../../source/profiles/types.js';
import type {Simulator} from '../../source/simulator/index.js';
import {HomeApp, type HomeAppProps, type HomeOutcome} from '../../source/ui/home/HomeApp.js';
import type {Rendered} from './ink.js';
import {deferred} from './verification.js';

export type RenderedHome = Rendered & {outcome: Promise<HomeOutcome>};

/** The home screen with an `outcome` promise, created before the render. */
export function renderHome(props: HomeAppProps): RenderedHome {
	const outcome = deferred<HomeOutcome>();
	const instance = render(<HomeApp onExit={outcome.resolve} {...props} />);
	return Object.assign(instance, {outcome: outcome.promise});
}

export type TempStore = {store: OpenedProfileStore; directory: string; remove: () => void};

/** A profile store in a fresh temporary folder, holding `profiles` (secrets in the file: no keychain here). */
export async function tempStore(profiles: ProfileInput[] = []): Promise<TempStore> {
	const directory = mkdtempSync(join(tmpdir(), 'tableau-connect-home-'));
	const store = openProfileStore({directory, env: {}, secretStore: 'file'});
	for (const profile of profiles) {
		await store.save(profile);
	}

	return {store, directory, remove: () => rmSync(directory, {recursive: true, force: true})};
}

/** A profile that points at `simulator`, with its real secret. */
export function profileFor(name: string, simulator: Simulator): ProfileInput {
	return {name, server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret};
}

/** The home screen over `store` and the real pipeline, as `tableau-connect` wires it. */
export function renderStoreHome(store: OpenedProfileStore, props: Partial<HomeAppProps> = {}): RenderedHome {
	return renderHome({...homeDependencies(store, {timeoutMs: 5000}), limit: 4, ...props});
}
