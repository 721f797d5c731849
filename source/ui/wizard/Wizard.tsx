import {useReducer} from 'react';
import {Box} from 'ink';
import type {VerificationOptions} from '../../verify/pipeline.js';
import {bodyRows} from '../components/body-rows.js';
import {Footer} from '../components/Footer.js';
import {hintsOf} from '../components/keymap.js';
import {useKeymap} from '../components/use-keymap.js';
import {defaultTimeoutMs} from '../../verify/types.js';
import {CheckTimeoutContext} from '../checks/CheckList.js';
import {ColorContext, Paint} from '../components/Paint.js';
import {StepIndicator} from '../components/StepIndicator.js';
import {Viewport} from '../components/Viewport.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {wizardKeymap, wizardRemedyFrame, type WizardKey} from './keymap.js';
import type {CaFileAccess} from './fields.js';
import {initialWizardState, wizardReducer, type WizardAction, type WizardOutcome} from './reducer.js';
import {closingLine, type ClosingLine} from './closing-line.js';
import {StepScreen} from './screens/StepScreen.js';
import type {FailureAction} from './screens/VerifyScreen.js';
import type {StepId, WizardValues} from './steps.js';
import {
	recheckCaFile,
	useCaFileCheck,
	useSaving,
	useTraceSaving,
	useVerification,
	type SaveFunction,
	type SaveTraceFunction,
	type VerifyFunction,
} from './use-effects.js';
import {useOutcome} from './use-outcome.js';

export type {FailureAction} from './screens/VerifyScreen.js';
export type {SaveFunction, SaveTraceFunction, VerifyFunction} from './use-effects.js';
export type {WizardOutcome} from './reducer.js';
export type {ClosingLine} from './closing-line.js';

export type WizardProps = {
	/** Runs the checks; `verifyConnection` in real use, the simulator or a fake in tests. */
	readonly verify: VerifyFunction;
	/** Writes the profile; called only after a passing test or on "save anyway". */
	readonly save: SaveFunction;
	/**
	Writes the trace of the last test (redacted, as HAR) and returns the file's path: the failure
	screen's w. Without it the key is not offered.
	*/
	readonly saveTrace?: SaveTraceFunction;
	/** Values to start with: a saved profile being edited, or the demo's. */
	readonly initialValues?: Partial<WizardValues>;
	/** Where to start; `verify` tests at once. Default: the first step. */
	readonly initialStep?: StepId;
	/** The profile being edited (`setup --profile NAME`), so saving under that name is not a clash. */
	readonly editingProfile?: string | null;
	/** Names already saved: the suggested name avoids them, and typing one warns that it is replaced. */
	readonly existingProfileNames?: readonly string[];
	/** The store's rule for profile names; returns why a name is refused, or null. */
	readonly validateProfileName?: (name: string) => string | null;
	/** Timeout, CA, TLS, API version, and the demo's minimum check duration. */
	readonly verifyOptions?: Omit<VerificationOptions, 'onEvent'>;
	/** A line under the step indicator, such as "DEMO: simulated Tableau, nothing is saved". */
	readonly banner?: string;
	/** More keys on the failure screen, such as the demo's scenario switcher. */
	readonly extraFailureActions?: readonly FailureAction[];
	/** Whether the terminal shows OSC 8 links; default false (plain addresses). */
	readonly hyperlinks?: boolean;
	/** Whether colour may be used; false under NO_COLOR. Default true. */
	readonly color?: boolean;
	/** Called once with how the wizard ended, just before it exits. */
	readonly onExit?: (outcome: WizardOutcome) => void;
	/** Whether the wizard listens to keys; false while something else (the demo's scenario picker) has them. Default true. */
	readonly isActive?: boolean;
	/**
	Called with the outcome instead of ending the app, so the caller decides what comes next (the demo
	goes back to its picker). `onExit` is not called then.
	*/
	readonly onEnd?: (outcome: WizardOutcome) => void;
	/** q on a screen without a text field, before the test: the caller ends (the demo). Without it q does nothing there. */
	readonly onQuitKey?: () => void;
	/**
	Why a save would fail (a damaged store, a folder that cannot be written), asked when the wizard
	starts and again on the review: the test signs out other sessions of the token, so it waits until
	the profile can be saved. Null when it can.
	*/
	readonly checkStore?: () => string | null;
	/** Whether Ctrl-C during the test waits for its sign-out (a second one does not); default true. The demo's simulator ends with it, so it does not wait. */
	readonly signOutOnCtrlC?: boolean;
	/** Checks and reads the CA file field's file (the file system in real use). */
	readonly caFiles?: CaFileAccess | null;
	/** What Enter does after a passing test, for the footer; default "finish". */
	readonly finishLabel?: string;
	/** Leave no last frame when the wizard ends: the caller's screen takes the same rows (the home screen). Default false. */
	readonly clearOnExit?: boolean;
	/** What the keys that end the wizard say, where that goes back to the caller's screen ("back to your profiles"); default "quit". */
	readonly leaveLabel?: string;
	/** Whether remedies may name `tableau-connect setup …` commands; false in the demo, whose profiles are not the person's. Default true. */
	readonly remedyCommands?: boolean;
	/** Esc on the first step, where it would quit: the caller goes back instead (the demo's scenarios), under this label. */
	readonly backOut?: {label: string; run: () => void};
	/** The last line for an outcome, in place of the default one (the demo's profiles are temporary); undefined keeps the default. */
	readonly closingLine?: (outcome: WizardOutcome) => ClosingLine | undefined;
};

const noActions: readonly FailureAction[] = [];

/**
The setup wizard: the steps of Parable's Tableau page, then a live test and the save. Everything it
touches outside the terminal (the test, the store) comes in as props; it ends with
`useApp().exit(outcome)`, so `waitUntilExit()` resolves with a `WizardOutcome`.
*/
export function Wizard(props: WizardProps) {
	// The store is checked once as the wizard opens, and again when the person says it is fixed (r).
	const [state, dispatch] = useReducer(wizardReducer, props, given => initialWizardState({...given, storeProblem: given.checkStore?.() ?? null}));
	const {columns, rows} = useTerminalSize();
	const extraFailureActions = props.extraFailureActions ?? noActions;
	const keyOptions = {
		extras: extraFailureActions,
		finish: props.finishLabel ?? 'finish',
		quitKey: props.onQuitKey !== undefined,
		active: props.isActive ?? true,
		signOutOnCtrlC: props.signOutOnCtrlC ?? true,
		backOut: props.backOut?.label ?? null,
		saveTrace: props.saveTrace !== undefined,
		...(props.leaveLabel ? {leave: props.leaveLabel} : {}),
	};
	const subject = props.editingProfile ? `Editing the profile "${props.editingProfile}"` : undefined;
	const headerRows = 2 + (props.banner ? 1 : 0) + (subject ? 1 : 0);
	// PgUp and PgDn are not in the footer, so the footer's height does not depend on the page they move.
	const body = bodyRows({rows, columns, above: headerRows, hints: hintsOf(wizardKeymap(state, keyOptions)), minimum: 3});
	const keymap = wizardKeymap(state, {...keyOptions, page: body});
	// Going on, or starting a test, reads the CA file again first: one put back since counts, one gone does not pass.
	const send = (action: WizardAction) => {
		if (action.type === 'next' || action.type === 'start-verification' || action.type === 'focus-next' || action.type === 'focus-previous') {
			recheckCaFile(state, dispatch);
		}

		dispatch(action);
	};
	useKeymap(
		keymap,
		(key: WizardKey) => {
			switch (key.kind) {
				case 'dispatch': {
					send(key.action);
					break;
				}

				case 'extra': {
					void key.extra.run({
						retry() {
							dispatch({type: 'start-verification'});
						},
						correct(field, value) {
							dispatch({type: 'correct', field, value});
						},
						result: state.verify.phase === 'done' ? state.verify.result : null,
					});
					break;
				}

				case 'check-store': {
					dispatch({type: 'store-checked', problem: props.checkStore?.() ?? null, thenNext: key.thenNext});
					break;
				}

				case 'quit': {
					props.onQuitKey?.();
					break;
				}

				case 'back-out': {
					props.backOut?.run();
					break;
				}
			}
		},
		{isActive: state.outcome === null},
	);
	// Remedies name the keys of the result screens, and commands only where the person can run them.
	useVerification(state, dispatch, props.verify, props.verifyOptions ?? {}, wizardRemedyFrame(keyOptions, props.remedyCommands ?? true));
	useSaving(state, dispatch, props.save);
	useTraceSaving(state, dispatch, props.saveTrace);
	useCaFileCheck(state, dispatch);
	const {outcome} = state;
	useOutcome(outcome, props.onEnd, props.onExit);

	const hints = hintsOf(keymap);
	const screen = (
		<StepScreen
			state={state}
			dispatch={send}
			isActive={state.outcome === null && (props.isActive ?? true)}
			hyperlinks={props.hyperlinks ?? false}
			insecure={props.verifyOptions?.insecure ?? false}
			keymap={keymap}
		/>
	);
	const closing = outcome ? (props.closingLine?.(outcome) ?? closingLine(outcome, state.saved)) : null;
	if (outcome && props.clearOnExit) {
		return null;
	}

	return (
		<ColorContext.Provider value={props.color ?? true}>
			{/* A check that waits shows how long against this run's timeout. */}
			<CheckTimeoutContext.Provider value={props.verifyOptions?.timeoutMs ?? defaultTimeoutMs}>
				<Box flexDirection="column" width={columns}>
					{outcome?.kind === 'cancelled' ? null : (
						<>
							<StepIndicator step={state.step} banner={props.banner} subject={subject} />
							<Box marginTop={1} flexDirection="column">
								{outcome && state.step === 'verify' ? (
									// The last frame stays in the terminal after exit: unclipped, so the result and the
									// values for Parable's form are all there to read and copy.
									screen
								) : (
									<Viewport
										key={`${state.step}-${state.view}`}
										height={body}
										scroll={state.scroll}
										onScrollLimit={max => dispatch({type: 'set-scroll-limit', max})}
									>
										{screen}
									</Viewport>
								)}
							</Box>
						</>
					)}
					{closing ? (
						<Box marginTop={1}>
							<Paint tone={closing.tone}>{closing.text}</Paint>
						</Box>
					) : (
						<Footer
							hints={hints}
							columns={columns}
							hidden={{above: state.scroll, below: state.scrollMax - state.scroll, keys: state.focus === null ? '↑↓ or PgUp/PgDn' : 'PgUp/PgDn'}}
						/>
					)}
				</Box>
			</CheckTimeoutContext.Provider>
		</ColorContext.Provider>
	);
}
