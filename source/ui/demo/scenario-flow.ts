import {useMemo} from 'react';
import {scenarios, wrongSiteContentUrl, type ScenarioId, type ScenarioInfo} from '../../simulator/index.js';
import type {ClosingLine, FailureAction, WizardOutcome} from '../wizard/Wizard.js';

export function infoOf(id: ScenarioId): ScenarioInfo {
	return scenarios.find(scenario => scenario.id === id)!;
}

const failing = scenarios.filter(scenario => scenario.expected !== 'ok');

/** The failing scenario after `id` in the list, wrapping round; the first one when `id` succeeds. */
export function nextFault(id: ScenarioId): ScenarioInfo {
	return failing[(failing.findIndex(item => item.id === id) + 1) % failing.length]!;
}

// A demo profile lives in a temporary store, so the wizard's "re-test it with …" would mislead.
export function demoClosingLine(outcome: WizardOutcome): ClosingLine | undefined {
	switch (outcome.kind) {
		case 'verified': {
			return {tone: 'ok', text: `✓ Done: verified, and saved as "${outcome.profile}" in the temporary demo store.`};
		}

		case 'saved-unverified': {
			return {tone: 'warn', text: `! Saved as "${outcome.profile}" in the temporary demo store, without a passing test.`};
		}

		case 'cancelled': {
			return {tone: 'warn', text: '! Demo stopped.'};
		}

		default: {
			return undefined;
		}
	}
}

/**
The demo's keys on a failure screen: f fixes and retries, n moves to the next fault, p opens the
picker; n and p after a passing test too. In `wrong-site` the fault is the person's own value, so f
corrects the Site field on screen (the simulator stays as it is) instead of fixing the server.
*/
export function useFailureActions(
	scenario: ScenarioInfo | null,
	typedSite: string,
	choose: (next: ScenarioInfo) => void,
	openPicker: (switching: {retry: () => void}) => void,
): FailureAction[] {
	return useMemo((): FailureAction[] => {
		if (!scenario) {
			return [];
		}

		const realSite = wrongSiteContentUrl(typedSite);
		// Another scenario expects the site as the simulator gives it: undo wrong-site's correction, on screen too.
		const restoreSite = ({correct, result}: Parameters<FailureAction['run']>[0]) => {
			if (result && result.site !== typedSite) {
				correct('site', typedSite);
			}
		};
		const fix: FailureAction =
			scenario.id === 'wrong-site'
				? {
						key: 'f',
						label: `fix the site (${typedSite} → ${realSite}) & retry`,
						run({retry, correct}) {
							correct('site', realSite);
							retry();
						},
					}
				: {
						key: 'f',
						label: 'fix & retry',
						run(api) {
							restoreSite(api);
							choose(infoOf('ok'));
							api.retry();
						},
					};
		return [
			fix,
			{
				key: 'n',
				label: `next fault (${nextFault(scenario.id).id})`,
				successLabel: `next (${nextFault(scenario.id).id})`,
				run(api) {
					restoreSite(api);
					choose(nextFault(scenario.id));
					api.retry();
				},
			},
			{
				key: 'p',
				label: 'pick scenario',
				successLabel: 'pick',
				run(api) {
					openPicker({
						retry() {
							restoreSite(api);
							api.retry();
						},
					});
				},
			},
		];
	}, [scenario, typedSite, choose, openPicker]);
}
