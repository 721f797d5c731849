// Renders the wizard with ink-testing-library and walks it by keystrokes, as a person would.
import {render} from 'ink-testing-library';
import type {ProfileInput} from '../../source/profiles/types.js';
import {Wizard, type WizardProps} from '../../source/ui/wizard/Wizard.js';
import type {WizardOutcome} from '../../source/ui/wizard/reducer.js';
import type {VerificationResult} from '../../source/verify/types.js';
import {keys, press, typeKeys, waitForFrame, type Rendered} from './ink.js';
import {deferred} from './verification.js';

export const savedPath = '/config/tableau-connect/profiles.json';

export type RenderedWizard = Rendered & {
	saves: Array<{input: ProfileInput; verification: VerificationResult | null}>;
	/** The saved profile each save renamed (undefined when it renamed none), in the order of `saves`. */
	renames: Array<string | undefined>;
	outcome: Promise<WizardOutcome>;
};

/** The wizard with a recording `save` and an `outcome` promise, created before the render. */
export function renderWizard(props: Partial<WizardProps> & Pick<WizardProps, 'verify'>): RenderedWizard {
	const saves: RenderedWizard['saves'] = [];
	const renames: RenderedWizard['renames'] = [];
	const outcome = deferred<WizardOutcome>();
	const instance = render(
		<Wizard
			save={(input, verification, options) => {
				saves.push({input, verification});
				renames.push(options?.renameFrom);
				return {path: savedPath};
			}}
			onExit={outcome.resolve}
			{...props}
		/>,
	);
	return Object.assign(instance, {saves, renames, outcome: outcome.promise});
}

/** Enter through the four reading steps, checking each title on the way. */
export async function walkToServerStep(instance: Rendered): Promise<void> {
	await waitForFrame(instance, "Step 1 of 8 · What you'll need");
	await press(instance, keys.enter, 'Step 2 of 8 · Before you start');
	await press(instance, keys.enter, 'Step 3 of 8 · Open your account settings');
	await press(instance, keys.enter, 'Step 4 of 8 · Create the token');
	await press(instance, keys.enter, 'Step 5 of 8 · Server details');
}

/** Pastes an address bar into Server URL, presses Enter (which splits it), and goes on to the credentials. */
export async function pasteAddressAndGoOn(instance: Rendered, address: string, site: string): Promise<void> {
	// The paste is kept as pasted until the field is left; the hint says what Enter will make of it.
	await press(instance, address, `and site ${site}.`);
	await press(instance, keys.enter, 'Filled in from the address you pasted');
	await waitForFrame(instance, new RegExp(`› Site +${site}`));
	await press(instance, keys.enter, 'Step 6 of 8 · Token and profile name');
}

/** Types the token name and the secret key by key, and goes on to the review. */
export async function enterSecretAndReview(instance: Rendered, secret: string, tokenName = 'Parable Integration'): Promise<void> {
	await typeKeys(instance, tokenName, `› Token name ${tokenName}`);
	await press(instance, keys.tab, '› Token secret');
	await typeKeys(instance, secret, '*'.repeat(secret.length));
	await press(instance, keys.enter, '› Profile name');
	await press(instance, keys.enter, 'Step 7 of 8 · Review');
}
