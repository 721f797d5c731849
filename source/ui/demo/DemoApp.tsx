import {useCallback, useEffect, useMemo, useReducer, useState, useSyncExternalStore} from 'react';
import {Box, render} from 'ink';
import {scenarios, type ScenarioId, type ScenarioInfo} from '../../simulator/index.js';
import {ColorContext, Paint} from '../components/Paint.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {useExitWith} from '../components/use-exit-with.js';
import {Wizard, type ClosingLine, type SaveFunction, type VerifyFunction, type WizardOutcome} from '../wizard/Wizard.js';
import type {StepId} from '../wizard/steps.js';
import type {Autoplay} from './autoplay.js';
import {demoBanner} from './banner.js';
import {ScenarioPicker} from './ScenarioPicker.js';
import {useFailureActions} from './scenario-flow.js';
import {demoValuesFor, simulatorScenarioFor, type DemoToken} from './scenario-values.js';
import {infoOf, initialStory, storyReducer, storySummary} from './story.js';

export {nextFault} from './story.js';

/** How the demo ended: the wizard's outcome, or `quit` from the picker (q). Ctrl-C anywhere is `cancelled`. */
export type DemoOutcome = (WizardOutcome | {kind: 'quit'}) & {summary?: string};

export type DemoAppProps = {
	/** Scenario given with --scenario; without it the picker opens first. */
	readonly initialScenario: ScenarioId | null;
	/** Switches the simulator's behaviour live. */
	readonly switchScenario: (id: ScenarioId) => void;
	/** Runs the checks against the simulator in the given scenario of its own (TLS trust depends on it). */
	readonly verifyFor: (scenario: ScenarioInfo) => VerifyFunction;
	/** Saves to the demo's temporary store; the path it returns is shown, so it should say so. */
	readonly save: SaveFunction;
	/** The token the simulator accepts: with each scenario's address and site, every field is filled in. */
	readonly token: DemoToken;
	readonly color: boolean;
	readonly minimumCheckMs: number;
	/**
	The request timeout of the scenarios that show a timeout, short so the audience sees it happen.
	The others keep the real default: a busy laptop must not turn a healthy story into a timeout.
	*/
	readonly timeoutMs: number;
	/** The wizard's first step for the first scenario; default the first. Tests start at `verify`. */
	readonly initialStep?: StepId;
	/** The demo playing itself (`--autoplay`): its captions replace the scenario line, and it learns when tests end. */
	readonly autoplay?: Autoplay | null;
	/** Called once with how the demo ended, just before it exits. */
	readonly onExit?: (outcome: DemoOutcome) => void;
};

const noCaption = () => () => {};

/** The autoplay's caption, or null when the demo is not playing itself (or the presenter took over). */
function useCaption(autoplay: Autoplay | null | undefined): string | null {
	return useSyncExternalStore(autoplay ? listener => autoplay.subscribe(listener) : noCaption, () => autoplay?.caption() ?? null);
}

/**
The demo: a scenario picker, then the real wizard against the simulator, with keys on each result
screen to fix the fault, go on to the next one, or pick another. Every scenario gets a wizard of its
own, so nothing one showed (a corrected address, a fixed site) is left on the next one's screen.
*/
export function DemoApp(props: DemoAppProps) {
	const {columns, rows} = useTerminalSize();
	const [story, dispatch] = useReducer(storyReducer, props.initialScenario, initialStory);
	const [ended, setEnded] = useState<DemoOutcome | null>(null);
	const caption = useCaption(props.autoplay);
	const {switchScenario, onExit, autoplay} = props;
	const summary = storySummary(story.shown);
	const begin = useCallback(
		(id: ScenarioId, at: StepId) => {
			switchScenario(simulatorScenarioFor(id));
			dispatch({type: 'start', id, at});
		},
		[switchScenario],
	);
	const heal = useCallback(() => {
		switchScenario('ok');
	}, [switchScenario]);
	useEffect(() => {
		if (props.initialScenario) {
			switchScenario(simulatorScenarioFor(props.initialScenario));
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the first scenario, once
	}, []);
	// q from the picker or a result screen: the last frame says what was shown, then the demo ends.
	useExitWith(ended === null ? null : {...ended, summary}, onExit);
	useEffect(() => autoplay?.onQuit(() => setEnded({kind: 'quit'})), [autoplay]);

	const failureActions = useFailureActions(story, {begin, heal, dispatch});
	const {scenario, fixed} = story;
	// The simulator's own scenario right now, which decides what the test trusts.
	const serving = scenario ? infoOf(fixed ? 'ok' : simulatorScenarioFor(scenario.id)) : null;
	const {verifyFor} = props;
	const verify = useMemo((): VerifyFunction | null => {
		if (!serving) {
			return null;
		}

		const base = verifyFor(serving);
		return async (input, options) => {
			const result = await base(input, options);
			if (result.diagnosis?.code !== 'interrupted') {
				dispatch({type: 'tested', verdict: {ok: result.ok, code: result.diagnosis?.code ?? null, warnings: result.warnings.map(warning => warning.code)}});
				autoplay?.tested();
			}

			return result;
		};
	}, [serving, verifyFor, autoplay]);
	const onEnd = useCallback((outcome: WizardOutcome) => {
		if (outcome.kind === 'cancelled' || outcome.endedWith === 'q') {
			setEnded(outcome);
		} else {
			dispatch({type: 'to-picker'});
		}
	}, []);
	const closingLine = useCallback(
		(outcome: WizardOutcome): ClosingLine => (outcome.kind === 'cancelled' ? {tone: 'warn', text: `! Demo stopped. ${summary}`} : {tone: 'ok', text: summary}),
		[summary],
	);
	const quitKey = useCallback(() => {
		setEnded({kind: 'quit'});
	}, []);
	const quit = useCallback((interrupted: boolean) => {
		setEnded(interrupted ? {kind: 'cancelled'} : {kind: 'quit'});
	}, []);
	const shown = useMemo(() => new Set(story.shown.map(item => item.id)), [story.shown]);

	let screen;
	if (ended) {
		screen = <Paint tone={ended.kind === 'cancelled' ? 'warn' : 'ok'}>{ended.kind === 'cancelled' ? `! Demo stopped. ${summary}` : summary}</Paint>;
	} else if (scenario && verify) {
		const startAt = story.run === 0 && props.initialStep ? props.initialStep : story.startAt;
		// Autoplay types the values itself on the steps; a scenario opened at its test has them already.
		const values = autoplay && caption !== null && startAt !== 'verify' ? {profileName: 'demo'} : demoValuesFor(scenario.id, props.token);
		screen = (
			<>
				{story.switching ? (
					<ScenarioPicker
						scenarios={scenarios}
						initial={scenario.id}
						shown={shown}
						title="Switch to another scenario and test it"
						banner={demoBanner(scenario, {fixed, caption})}
						pickLabel="switch & test"
						isActive
						rows={rows}
						columns={columns}
						onPick={next => {
							begin(next.id, 'verify');
						}}
						onBack={() => {
							// After every listener has had this Esc: the wizard, active again at once, would take it too.
							queueMicrotask(() => {
								dispatch({type: 'switching', open: false});
							});
						}}
						onQuit={quit}
					/>
				) : null}
				<Box display={story.switching ? 'none' : 'flex'} flexDirection="column">
					<Wizard
						key={story.run}
						verify={verify}
						save={props.save}
						initialValues={values}
						initialStep={startAt}
						banner={demoBanner(scenario, {fixed, caption})}
						extraFailureActions={failureActions}
						verifyOptions={{minimumCheckMs: props.minimumCheckMs, ...(scenario.expected === 'timeout' ? {timeoutMs: props.timeoutMs} : {})}}
						color={props.color}
						isActive={!story.switching}
						closingLine={closingLine}
						remedyCommands={false}
						backOut={{label: 'scenarios', run: () => dispatch({type: 'to-picker'})}}
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
				key={story.run}
				scenarios={scenarios}
				{...(story.recent ? {initial: story.recent} : {})}
				shown={shown}
				title="tableau-connect demo · pick a scenario"
				banner={demoBanner(null, {caption})}
				intro="Values filled in, Enter walks through · f fix · n next fault · p pick · • shown"
				pickLabel="start"
				isActive
				rows={rows}
				columns={columns}
				onPick={next => {
					begin(next.id, 'needs');
				}}
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
