import {useEffect, useReducer, useState} from 'react';
import {Box, Text} from 'ink';
import {useExitWith} from '../components/use-exit-with.js';
import {bodyRows} from '../components/body-rows.js';
import {Footer} from '../components/Footer.js';
import {hintsOf} from '../components/keymap.js';
import {useKeymap} from '../components/use-keymap.js';
import {ColorContext, Paint} from '../components/Paint.js';
import {Viewport} from '../components/Viewport.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import type {TestsState} from '../profile-tests/tests-reducer.js';
import type {ProfileSummary, RecordResult, VerifyProfile} from '../profile-tests/types.js';
import {describeSoonestExpiry} from '../../verify/findings.js';
import {useTestRunner} from '../profile-tests/use-test-runner.js';
import {homeKeymap, homeRemedyFrame} from './keymap.js';
import {homeLayout, wrappedRows} from './layout.js';
import {ProfileDetail} from './ProfileDetail.js';
import {ProfileList} from './ProfileList.js';
import {homeReducer, initialHomeState, selectedProfile, type HomeOutcome, type Notice} from './reducer.js';
import {RemoveConfirm} from './RemoveConfirm.js';
import {useMove, useRemoval, type MoveServer, type RemoveProfile} from './use-removal.js';
import {useTraceSave, type SaveTrace} from './use-trace-save.js';
import {useStoreRefresh} from './use-store-refresh.js';

export type {HomeOutcome, Notice} from './reducer.js';

// Remedies under a profile name the list's keys: a test's result is read where they work.
const remedyFrame = homeRemedyFrame();

export type HomeAppProps = {
	/** Reads the saved profiles (without secrets): when the screen opens, after a removal, and every 2 s. */
	readonly list: () => readonly ProfileSummary[];
	/** Tests one saved profile by name; the real pipeline, the simulator or a fake in tests. */
	readonly verify: VerifyProfile;
	/** Keeps a result as the profile's last verification. */
	readonly record: RecordResult;
	/** Deletes a saved profile. */
	readonly remove: RemoveProfile;
	/** Saves another server for a profile: the address a test was redirected to (key u). */
	readonly moveServer?: MoveServer;
	/** Writes the trace of the profile's last test here (redacted, as HAR) and returns the file's path: w under a failed test. Without it the key is not offered. */
	readonly saveTrace?: SaveTrace;
	/** How many tests run at once for "test all". Default 4. */
	readonly limit?: number;
	/** The profile to select first, such as the one just edited. */
	readonly select?: string | null;
	/** A line to show at first, such as how the wizard ended. */
	readonly notice?: Notice | null;
	/** A warning line under the title, such as --insecure's. */
	readonly banner?: string;
	/** The clock for "5 minutes ago". */
	readonly now?: () => number;
	/** Whether colour may be used; false under NO_COLOR. Default true. */
	readonly color?: boolean;
	/** Called once with how the screen ended, just before it exits. */
	readonly onExit?: (outcome: HomeOutcome) => void;
	/** How often the list is read again for changes made elsewhere; tests shorten it. */
	readonly refreshMs?: number;
};

/** Re-renders twice a minute, so "just now" becomes "1 minute ago" on a screen left open. */
function useNow(clock: () => number): number {
	const [, setTick] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => {
			setTick(tick => tick + 1);
		}, 30_000);
		return () => {
			clearInterval(timer);
		};
	}, []);
	return clock();
}

/** The soonest token expiry of all profiles: this session's tests first, else each profile's last verification. */
function soonestExpiryOf(profiles: readonly ProfileSummary[], tests: TestsState, now: number): string | null {
	return describeSoonestExpiry(
		profiles.map(profile => {
			const test = tests.tests.get(profile.name);
			return {name: profile.name, token: (test?.phase === 'done' ? test.result.token : null) ?? profile.lastVerification?.token};
		}),
		now,
	);
}

function Rule({label, columns}: {readonly label: string; readonly columns: number}) {
	const head = `── ${label} `;
	return (
		<Text wrap="truncate-end">
			<Paint tone="muted">{head + '─'.repeat(Math.max(0, columns - [...head].length))}</Paint>
		</Text>
	);
}

/**
The home screen of `tableau-connect`: the saved profiles with their last results, and keys to test
one or all of them live, edit, remove or add one. Everything outside the terminal comes in as props;
it ends with `useApp().exit(outcome)`, and `home.ts` runs the wizard for "edit" and "new".
*/
export function HomeApp(props: HomeAppProps) {
	const clock = props.now ?? Date.now;
	const limit = props.limit ?? 4;
	const [state, dispatch] = useReducer(homeReducer, null, () =>
		initialHomeState({profiles: props.list(), select: props.select ?? null, notice: props.notice ?? null, limit}),
	);
	const now = useNow(clock);
	const {columns, rows} = useTerminalSize();
	const open = state.outcome === null;
	const keymap = homeKeymap(state, {saveTrace: props.saveTrace !== undefined});
	useKeymap(keymap, dispatch, {isActive: open});
	useTestRunner(state.tests, dispatch, props.verify, props.record, clock, remedyFrame);
	useRemoval(state.mode, dispatch, props.remove, props.list);
	useMove(state.move, dispatch, props.moveServer, props.list);
	useTraceSave(state.traceSave, dispatch, props.saveTrace);
	useStoreRefresh(props.list, dispatch, open && state.mode.kind === 'browse', props.refreshMs);
	const {outcome} = state;
	useExitWith(outcome, props.onExit);

	// The wizard, or the rotation, takes over the same rows: leave nothing behind for it.
	if (outcome?.kind === 'edit' || outcome?.kind === 'add' || outcome?.kind === 'rotate') {
		return null;
	}

	const selected = selectedProfile(state);
	const test = selected ? state.tests.tests.get(selected.name) : undefined;
	const hints = hintsOf(keymap);
	const count = state.profiles.length;
	// "1 of 2 saved profiles" read as "one of them is saved": say which is the selection's place.
	const title = count === 0 ? 'no saved profiles' : count === 1 ? '1 saved profile' : `profile ${state.selected + 1} of ${count}`;
	const soonest = soonestExpiryOf(state.profiles, state.tests, now);
	const headerRows = 2 + (props.banner ? 1 : 0) + (soonest ? wrappedRows(soonest, columns) : 0) + (state.notice ? wrappedRows(state.notice.text, columns) : 0);
	const detailWanted = state.mode.kind !== 'browse' ? 3 : test && test.phase !== 'queued' ? 18 : 6;
	const {listRows, detailRows} = homeLayout({available: bodyRows({rows, columns, above: headerRows, hints}), profileCount: count, detailWanted});
	return (
		<ColorContext.Provider value={props.color ?? true}>
			<Box flexDirection="column" width={columns}>
				<Box justifyContent="space-between">
					<Text wrap="truncate-end">
						<Paint tone="accent" bold>
							Tableau connections
						</Paint>
					</Text>
					<Box flexShrink={0} marginLeft={1}>
						<Paint tone="muted">{title}</Paint>
					</Box>
				</Box>
				{props.banner ? (
					<Text wrap="truncate-end">
						<Paint tone="warn" bold>
							{props.banner}
						</Paint>
					</Text>
				) : null}
				{soonest ? <Paint tone="muted">{soonest}</Paint> : null}
				{state.notice ? <Paint tone={state.notice.tone}>{state.notice.text}</Paint> : null}
				<Text> </Text>
				{count === 0 ? (
					<Text>No saved profiles. Press n to set one up, q to quit.</Text>
				) : (
					<ProfileList profiles={state.profiles} selected={state.selected} tests={state.tests} now={now} height={listRows} stopped={!open} />
				)}
				{open && selected ? (
					<>
						<Rule label={selected.name} columns={columns} />
						<Viewport
							key={`${selected.name}-${state.mode.kind}`}
							height={detailRows}
							scroll={state.scroll}
							onScrollLimit={max => {
								dispatch({type: 'set-scroll-limit', max});
							}}
						>
							{state.mode.kind === 'browse' ? (
								<ProfileDetail profile={selected} test={test} now={now} columns={columns} limit={limit} />
							) : (
								<RemoveConfirm name={state.mode.name} removing={state.mode.kind === 'removing'} />
							)}
						</Viewport>
					</>
				) : null}
				{open ? <Footer hints={hints} columns={columns} hidden={{above: state.scroll, below: state.scrollMax - state.scroll, keys: 'PgUp/PgDn'}} /> : null}
			</Box>
		</ColorContext.Provider>
	);
}
