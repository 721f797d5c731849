import {useMemo, type Dispatch} from 'react';
import {demoNames} from '../../simulator/demo-names.js';
import type {ScenarioId} from '../../simulator/index.js';
import type {FailureAction} from '../wizard/Wizard.js';
import {nextFault, type Story, type StoryAction} from './story.js';

/** What the demo's keys need beyond the story: switching the simulator, and opening the picker over the wizard. */
export type FlowWiring = {
	/** Starts a scenario: the simulator switches, then a fresh wizard opens at `at`. */
	readonly begin: (id: ScenarioId, at: 'needs' | 'verify') => void;
	/** Makes the simulator healthy again, for f. */
	readonly heal: () => void;
	readonly dispatch: Dispatch<StoryAction>;
};

/**
The demo's keys on a result screen: f fixes the fault and tests again (on a failure), n goes on to
the next fault of the story, p opens the picker. n follows the story, not the screen: after f passed,
it goes to the fault after the one just fixed. In `wrong-site` the fault is the typed value, so f
corrects the Site field where the audience sees it.
*/
export function useFailureActions(story: Story, wiring: FlowWiring): FailureAction[] {
	const {scenario, lastFault} = story;
	const {begin, heal, dispatch} = wiring;
	return useMemo((): FailureAction[] => {
		if (!scenario) {
			return [];
		}

		const fix: FailureAction =
			scenario.id === 'wrong-site'
				? {
						key: 'f',
						label: `fix the site (${demoNames.siteName}: ${demoNames.site}) & retry`,
						run({retry, correct}) {
							correct('site', demoNames.site);
							dispatch({type: 'fixed'});
							retry();
						},
					}
				: {
						key: 'f',
						label: 'fix & retry',
						run({retry}) {
							heal();
							dispatch({type: 'fixed'});
							retry();
						},
					};
		const next = nextFault(lastFault).id;
		return [
			fix,
			{
				key: 'n',
				label: `next fault (${next})`,
				successLabel: `next fault (${next})`,
				run() {
					begin(next, 'verify');
				},
			},
			{
				key: 'p',
				label: 'pick scenario',
				successLabel: 'pick',
				run() {
					dispatch({type: 'switching', open: true});
				},
			},
		];
	}, [scenario, lastFault, begin, heal, dispatch]);
}
