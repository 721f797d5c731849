import {useMemo} from 'react';
import {scenarios, type ScenarioId, type ScenarioInfo} from '../../simulator/index.js';
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

/** The demo's keys on a failure screen: f fixes and retries, n moves to the next fault, p opens the picker. */
export function useFailureActions(
	scenario: ScenarioInfo | null,
	choose: (next: ScenarioInfo) => void,
	openPicker: (switching: {retry: () => void}) => void,
): FailureAction[] {
	return useMemo((): FailureAction[] => {
		if (!scenario) {
			return [];
		}

		return [
			{
				key: 'f',
				label: 'fix & retry',
				run({retry}) {
					choose(infoOf('ok'));
					retry();
				},
			},
			{
				key: 'n',
				label: `next fault (${nextFault(scenario.id).id})`,
				run({retry}) {
					choose(nextFault(scenario.id));
					retry();
				},
			},
			{
				key: 'p',
				label: 'pick scenario',
				run({retry}) {
					openPicker({retry});
				},
			},
		];
	}, [scenario, choose, openPicker]);
}
