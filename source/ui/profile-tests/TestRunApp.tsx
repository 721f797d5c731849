import {useEffect, useReducer, useState} from 'react';
import {Box, Static, Text} from 'ink';
import {useExitWith} from '../components/use-exit-with.js';
import {describeSoonestExpiry} from '../../verify/findings.js';
import {defaultTimeoutMs, type VerificationResult} from '../../verify/types.js';
import {CheckTimeoutContext} from '../checks/CheckList.js';
import {ColorContext, Paint} from '../components/Paint.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {runSummary} from '../../verify/labels.js';
import {ProfileHeading} from './ProfileHeading.js';
import {TestBlock} from './TestBlock.js';
import {TestStatus} from './TestStatus.js';
import {allEnded, initialTestsState, testsReducer, type ProfileTest, type TestsState} from './tests-reducer.js';
import type {ProfileSummary, RecordResult, VerifyProfile} from './types.js';
import {useTestRunner} from './use-test-runner.js';

/** How the run ended: one result per profile, in the order given; null where the test itself crashed. */
export type TestRunOutcome = {results: Array<VerificationResult | null>};

export type TestRunAppProps = {
	/** The profiles to test, without their secrets. */
	readonly profiles: readonly ProfileSummary[];
	readonly verify: VerifyProfile;
	readonly record: RecordResult;
	/** How many tests run at once. */
	readonly limit: number;
	/** Whether colour may be used; false under NO_COLOR. Default true. */
	readonly color?: boolean;
	readonly now?: () => number;
	/** Called once with the results, just before the app exits. */
	readonly onExit?: (outcome: TestRunOutcome) => void;
	/** Aborted by Ctrl-C: the tests stop at once and sign out, and the screen says so. */
	readonly signal?: AbortSignal;
	/** The deadline of each request, shown beside a check that waits. */
	readonly timeoutMs?: number | undefined;
};

/** Whether `signal` has been aborted, as state, so the screen redraws when Ctrl-C comes. */
function useAborted(signal: AbortSignal | undefined): boolean {
	const [aborted, setAborted] = useState(signal?.aborted ?? false);
	useEffect(() => {
		if (!signal) {
			return;
		}

		const update = () => {
			setAborted(true);
		};

		signal.addEventListener('abort', update, {once: true});
		return () => {
			signal.removeEventListener('abort', update);
		};
	}, [signal]);
	return aborted;
}

/** Rows one live test block takes: its heading and six check lines, plus a blank line. */
const blockRows = 8;

function outcomeOf(state: TestsState, profiles: readonly ProfileSummary[]): TestRunOutcome {
	return {
		results: profiles.map(profile => {
			const test = state.tests.get(profile.name);
			return test?.phase === 'done' ? test.result : null;
		}),
	};
}

function EndedBlock({profile, test}: {readonly profile: ProfileSummary; readonly test: ProfileTest | undefined}) {
	const {columns} = useTerminalSize();
	// <Static> lays its items out without the terminal's width: give it to each of them.
	return (
		<Box flexDirection="column" marginBottom={1} width={columns}>
			<ProfileHeading profile={profile} />
			{test && test.phase !== 'queued' ? <TestBlock test={test} columns={columns} /> : null}
		</Box>
	);
}

/** The profiles from the top of the list whose tests have all ended: those that may be printed for good. */
function endedPrefix(state: TestsState, profiles: readonly ProfileSummary[]): ProfileSummary[] {
	const first = profiles.findIndex(profile => !allEnded(state, [profile.name]));
	return profiles.slice(0, first === -1 ? profiles.length : first);
}

/** A running (or held back) test in one line, when the full blocks of every running test would not fit. */
function CompactLine({profile, test, now}: {readonly profile: ProfileSummary; readonly test: ProfileTest; readonly now: number}) {
	return (
		<Box>
			<Box flexShrink={1} marginRight={2}>
				<Text wrap="truncate-end">{profile.name}</Text>
			</Box>
			<Box flexShrink={0}>
				<TestStatus test={test} last={null} now={now} />
			</Box>
		</Box>
	);
}

function Summary({profiles, results, now}: {readonly profiles: readonly ProfileSummary[]; readonly results: TestRunOutcome['results']; readonly now: number}) {
	const text = runSummary(
		results,
		profiles.map(profile => profile.name),
	);
	const soonest = describeSoonestExpiry(
		profiles.map((profile, index) => ({name: profile.name, token: results[index]?.token})),
		now,
	);
	return (
		<Box flexDirection="column">
			{results.every(result => result?.ok) ? <Paint tone="ok">✓ {text}</Paint> : <Paint tone="fail">{`✗ ${text}`}</Paint>}
			{soonest ? <Text>{soonest}</Text> : null}
		</Box>
	);
}

/**
`test NAME` and `test --all` on a terminal: each profile's check lines live, as the home screen shows
them, printed for good (Ink's <Static>) in list order as the tests end, then a summary. Ends with
`useApp().exit(outcome)`.
*/
export function TestRunApp(props: TestRunAppProps) {
	const {profiles, limit} = props;
	const now = props.now ?? Date.now;
	const {rows, columns} = useTerminalSize();
	const [state, dispatch] = useReducer(testsReducer, null, () =>
		testsReducer(initialTestsState(limit), {type: 'queue-tests', names: profiles.map(profile => profile.name)}),
	);
	useTestRunner(state, dispatch, props.verify, props.record, now);
	const interrupted = useAborted(props.signal);
	const names = profiles.map(profile => profile.name);
	const ended = allEnded(state, names);
	// The state as the last test ends is the outcome.
	useExitWith(ended ? outcomeOf(state, profiles) : null, props.onExit);

	// A block is printed for good only once every profile listed before it has ended, so the
	// blocks come out in list order whichever test finishes first.
	const shown = profiles.filter(profile => state.tests.get(profile.name)?.phase !== 'queued');
	const committed = endedPrefix(state, profiles);
	const live = shown.filter(profile => !committed.includes(profile));
	const running = live.filter(profile => state.tests.get(profile.name)?.phase === 'running');
	const held = live.length - running.length;
	const waiting = profiles.length - shown.length;
	// Full blocks while they fit the terminal; one line per test when they would not. Ended tests
	// held back behind a slower one take a line each until their turn comes.
	const fullBlocks = running.length * blockRows + held + 2 < rows;
	const several = profiles.length > 1;
	return (
		<ColorContext.Provider value={props.color ?? true}>
			<CheckTimeoutContext.Provider value={props.timeoutMs ?? defaultTimeoutMs}>
				<Static items={committed}>{profile => <EndedBlock key={profile.name} profile={profile} test={state.tests.get(profile.name)} />}</Static>
				<Box flexDirection="column" width={columns}>
					{live.map(profile => {
						const test = state.tests.get(profile.name)!;
						return fullBlocks && test.phase === 'running' ? (
							<Box key={profile.name} flexDirection="column" marginBottom={1}>
								<ProfileHeading profile={profile} />
								<TestBlock test={test} columns={columns} />
							</Box>
						) : (
							<CompactLine key={profile.name} profile={profile} test={test} now={now()} />
						);
					})}
					{waiting > 0 && !interrupted ? <Paint tone="muted">{`· ${waiting} more waiting (${limit} at a time)`}</Paint> : null}
					{interrupted && !ended ? <Paint tone="warn">! Interrupted: stopping now, then signing out (Ctrl-C again to quit at once).</Paint> : null}
					{several && ended ? <Summary profiles={profiles} results={outcomeOf(state, profiles).results} now={now()} /> : null}
				</Box>
			</CheckTimeoutContext.Provider>
		</ColorContext.Provider>
	);
}
