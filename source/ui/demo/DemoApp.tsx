import {useCallback, useMemo, useState} from 'react';
import {render, useApp} from 'ink';
import {scenarios, type ScenarioId, type ScenarioInfo} from '../../simulator/index.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {Wizard, type FailureAction, type SaveFunction, type VerifyFunction} from '../wizard/Wizard.js';
import type {WizardValues} from '../wizard/steps.js';
import {ScenarioPicker} from './ScenarioPicker.js';

export type DemoAppProps = {
	/** Scenario given with --scenario; without it the picker opens first. */
	readonly initialScenario: ScenarioId | null;
	/** Switches the simulator's behaviour live. */
	readonly switchScenario: (id: ScenarioId) => void;
	/** Runs the checks against the simulator in the given scenario (TLS trust depends on it). */
	readonly verifyFor: (scenario: ScenarioInfo) => VerifyFunction;
	readonly save: SaveFunction;
	readonly values: Partial<WizardValues>;
	readonly simulatorUrl: string;
	readonly color: boolean;
	readonly minimumCheckMs: number;
	readonly timeoutMs: number;
};

function infoOf(id: ScenarioId): ScenarioInfo {
	return scenarios.find(scenario => scenario.id === id)!;
}

const failing = scenarios.filter(scenario => scenario.expected !== 'ok');

/**
The demo: a scenario picker, then the real wizard against the simulator, with two more keys on a
failure screen so a presenter can show the recovery as well as the fault.
*/
export function DemoApp(props: DemoAppProps) {
	const {exit} = useApp();
	const {rows} = useTerminalSize();
	const [scenario, setScenario] = useState<ScenarioInfo | null>(props.initialScenario ? infoOf(props.initialScenario) : null);
	const {switchScenario} = props;
	const choose = useCallback(
		(next: ScenarioInfo) => {
			switchScenario(next.id);
			setScenario(next);
		},
		[switchScenario],
	);

	const failureActions = useMemo((): FailureAction[] => {
		if (!scenario) {
			return [];
		}

		const nextFailing = failing[(failing.findIndex(item => item.id === scenario.id) + 1) % failing.length]!;
		return [
			{
				key: 'f',
				label: 'fix it (simulator → ok) & retry',
				run({retry}) {
					choose(infoOf('ok'));
					retry();
				},
			},
			{
				key: 'n',
				label: `next fault (${nextFailing.id})`,
				run({retry}) {
					choose(nextFailing);
					retry();
				},
			},
		];
	}, [scenario, choose]);

	if (!scenario) {
		return <ScenarioPicker scenarios={scenarios} rows={rows} isActive onPick={choose} onCancel={() => exit({kind: 'cancelled'})} />;
	}

	return (
		<Wizard
			verify={props.verifyFor(scenario)}
			save={props.save}
			initialValues={props.values}
			banner={`DEMO · simulated Tableau at ${props.simulatorUrl} · scenario: ${scenario.id} · saves go to a temporary store`}
			extraFailureActions={failureActions}
			verifyOptions={{minimumCheckMs: props.minimumCheckMs, timeoutMs: props.timeoutMs}}
			color={props.color}
		/>
	);
}

/** Renders the demo and resolves when it ends; the command imports this lazily, with Ink. */
export async function renderDemo(props: DemoAppProps): Promise<unknown> {
	const app = render(<DemoApp {...props} />, {exitOnCtrlC: false});
	return app.waitUntilExit();
}
