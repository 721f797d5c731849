import {addressToUse} from '../../verify/address-to-use.js';
import {setServerCommand} from '../../verify/remedy-frame.js';
import type {SavedProfile, WizardOutcome} from './reducer.js';

/** The line the wizard leaves on screen when it ends. */
export type ClosingLine = {tone: 'ok' | 'warn' | 'fail'; text: string};

/** What the terminal keeps after the wizard: how it ended, and what to run next. */
export function closingLine(outcome: WizardOutcome, saved: SavedProfile | null): ClosingLine {
	switch (outcome.kind) {
		case 'verified': {
			// The u key that would have saved it is gone with the screen: the command does the same.
			const moved = addressToUse(outcome.result);
			if (moved) {
				return {
					tone: 'warn',
					text: `! Done: profile "${outcome.profile}" is saved and verified, but the server moved us to ${moved}. Save that address with: ${setServerCommand(outcome.profile, moved)}`,
				};
			}

			return {
				tone: 'ok',
				text: `✓ Done: profile "${outcome.profile}" is saved and verified. Re-test it any time with: tableau-connect test ${outcome.profile}`,
			};
		}

		case 'saved-unverified': {
			return {
				tone: 'warn',
				text: `! Profile "${outcome.profile}" is saved, but its test did not pass. Fix it with: tableau-connect setup --profile ${outcome.profile}`,
			};
		}

		case 'failed': {
			return {tone: 'fail', text: '✗ The test did not pass and nothing was saved.'};
		}

		case 'save-failed': {
			return {tone: 'fail', text: `✗ The profile could not be saved: ${outcome.message}`};
		}

		case 'cancelled': {
			return {tone: 'warn', text: saved ? `! Stopped. The profile "${saved.name}" had already been saved.` : '! Stopped. Nothing was saved.'};
		}
	}
}
