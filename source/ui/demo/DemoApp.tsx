import {useCallback, useState} from 'react';
import {Box, render, useApp} from 'ink';
import {scenarios, type ScenarioId, type ScenarioInfo} from '../../simulator/index.js';
import {ColorContext} from '../components/Paint.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {Wizard, type SaveFunction, type VerifyFunction, type WizardOutcome} from '../wizard/Wizard.js';
import type {StepId, WizardValues} from '../wizard/steps.js';
import {demoBanner} from './banner.js';
import {ScenarioPicker} from './ScenarioPicker.js';
import {demoClosingLine, infoOf, useFailureActions} from './scenario-flow.js';

export {nextFault} from './scenario-flow.js';

/** How the demo ended: the wizard's outcome, or `quit` from the picker (q, Esc). Ctrl-C anywhere is `cancelled`. */
export type DemoOutcome = WizardOutcome | {kind: 'quit'};

export type DemoAppProps = {
	/** Scenario given with --scenario; without it the picker opens first. */
	readonly initialScenario: ScenarioId | null;
	/** Switches the simulator's behaviour live. */
	readonly switchScenario: (id: ScenarioId) => void;
	/** Runs the checks against the simulator in the given scenario (TLS trust depends on it). */
	readonly verifyFor: (scenario: ScenarioInfo) => VerifyFunction;
	/** Saves to the demo's temporary store; the path it returns is shown, so it should say so. */
	readonly save: SaveFunction;
	/** The simulator's values: every field filled in, so Enter walks through. */
	readonly values: Partial<WizardValues>;
	readonly simulatorUrl: string;
	readonly color: boolean;
	readonly minimumCheckMs: number;
	/**
	The request timeout of the scenarios that show a timeout, short so the audience sees it happen.
	The others keep the real default: a busy laptop must not turn a healthy story into a timeout.
	*/
	readonly timeoutMs: number;
	/** The wizard's first step once a scenario is chosen; default the first. Tests start at `verify`. */
	readonly initialStep?: StepId;
	/** Called once with how the demo ended, just before it exits. */
	readonly onExit?: (outcome: DemoOutcome) => void;
};

/**
The demo: a scenario picker, then the real wizard against the simulator, with more keys on a
failure screen so a presenter can show the recovery as well as the fault. The `p` picker covers the
wizard without unmounting it, so its values and step survive the switch.
*/
export function DemoApp(props: DemoAppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const [scenario, setScenario] = useState<ScenarioInfo | null>(props.initialScenario ? infoOf(props.initialScenario) : null);
	// While set, the picker is open over the wizard; `retry` tests again once a scenario is picked.
	const [switching, setSwitching] = useState<{retry: () => void} | null>(null);
	const {switchScenario, onExit} = props;
	const choose = useCallback(
		(next: ScenarioInfo) => {
			switchScenario(next.id);
			setScenario(next);
		},
		[switchScenario],
	);
	const quit = useCallback(
		(interrupted: boolean) => {
			const outcome: DemoOutcome = interrupted ? {kind: 'cancelled'} : {kind: 'quit'};
			onExit?.(outcome);
			exit(outcome);
		},
		[exit, onExit],
	);

	const failureActions = useFailureActions(scenario, props.values.site ?? '', choose, setSwitching);
	// Enter after a passing test goes back to the picker for the next story; q and Ctrl-C end the demo.
	const [round, setRound] = useState(0);
	const [lastScenario, setLastScenario] = useState<ScenarioId | undefined>(props.initialScenario ?? undefined);
	const onEnd = useCallback(
		(outcome: WizardOutcome) => {
			if (outcome.kind === 'cancelled' || outcome.endedWith === 'q') {
				onExit?.(outcome);
				exit(outcome);
				return;
			}

			setLastScenario(current => scenario?.id ?? current);
			setScenario(null);
			setRound(value => value + 1);
		},
		[exit, onExit, scenario],
	);
	const quitKey = useCallback(() => {
		quit(false);
	}, [quit]);

	let screen;
	if (scenario) {
		screen = (
			<>
				{switching ? (
					<ScenarioPicker
						scenarios={scenarios}
						initial={scenario.id}
						title="Switch the simulator to another scenario, then test again"
						banner={demoBanner(scenario.id, props.simulatorUrl, columns)}
						pickLabel="switch & retry"
						isActive
						rows={rows}
						columns={columns}
						onPick={next => {
							choose(next);
							setSwitching(null);
							switching.retry();
						}}
						onBack={() => {
							setSwitching(null);
						}}
						onQuit={quit}
					/>
				) : null}
				<Box display={switching ? 'none' : 'flex'} flexDirection="column">
					<Wizard
						key={round}
						verify={props.verifyFor(scenario)}
						save={props.save}
						initialValues={props.values}
						{...(props.initialStep ? {initialStep: props.initialStep} : {})}
						banner={demoBanner(scenario.id, props.simulatorUrl, columns)}
						extraFailureActions={failureActions}
						verifyOptions={{minimumCheckMs: props.minimumCheckMs, ...(scenario.expected === 'timeout' ? {timeoutMs: props.timeoutMs} : {})}}
						color={props.color}
						isActive={switching === null}
						closingLine={demoClosingLine}
						onEnd={onEnd}
						onQuitKey={quitKey}
						signOutOnCtrlC={false}
						finishLabel="pick another scenario"
					/>
				</Box>
			</>
		);
	} else {
		screen = (
			<ScenarioPicker
				key={round}
				scenarios={scenarios}
				{...(lastScenario ? {initial: lastScenario} : {})}
				title="tableau-connect demo · pick a scenario"
				banner={demoBanner(null, props.simulatorUrl, columns)}
				intro="All fields pre-filled: Enter walks through. On failures: f fix, n next, p pick"
				pickLabel="start"
				isActive
				rows={rows}
				columns={columns}
				onPick={choose}
				onQuit={quit}
			/>
		);
	}

	return <ColorContext.Provider value={props.color}>{screen}</ColorContext.Provider>;
}

/** Where the demo draws and reads keys; the process's own streams by default. */
export type DemoStreams = {stdin?: NodeJS.ReadStream; stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream};

/** Renders the demo and resolves with how it ended; the command imports this lazily, with Ink. */
export async function renderDemo(props: DemoAppProps, streams: DemoStreams = {}): Promise<DemoOutcome | undefined> {
	// Ctrl-C is a key here, not a signal: the demo ends itself, so the command can stop the simulator.
	const app = render(<DemoApp {...props} />, {...streams, exitOnCtrlC: false, patchConsole: false});
	const outcome = (await app.waitUntilExit()) as DemoOutcome | undefined;
	// A last frame taller than the terminal is written without a final line break.
	(streams.stdout ?? process.stdout).write('\n');
	return outcome;
}
