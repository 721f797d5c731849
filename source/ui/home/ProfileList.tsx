import {Box} from 'ink';
import type {TestsState} from '../profile-tests/tests-reducer.js';
import type {ProfileSummary} from '../profile-tests/types.js';
import {listWindow} from '../components/list-window.js';
import {Paint} from '../components/Paint.js';
import {ProfileRow} from './ProfileRow.js';

/** Rows each profile takes in the list. */
export const rowsPerProfile = 2;

type Props = {
	readonly profiles: readonly ProfileSummary[];
	readonly selected: number;
	readonly tests: TestsState;
	readonly now: number;
	/** Rows available; a longer list shows a window around the selected profile. */
	readonly height: number;
	/** The screen has ended: tests still running are shown as stopped. */
	readonly stopped?: boolean;
};

/** The saved profiles, each with its last or live result. */
export function ProfileList({profiles, selected, tests, now, height, stopped = false}: Props) {
	// A list that does not fit keeps its last row to say how many profiles are out of view.
	const fits = profiles.length * rowsPerProfile <= height;
	const visible = fits ? profiles.length : Math.max(1, Math.floor((height - 1) / rowsPerProfile));
	const {first: top, below} = listWindow(selected, profiles.length, visible);
	const hidden = [top > 0 ? `↑ ${top} more above` : null, below > 0 ? `↓ ${below} more below` : null].filter(Boolean).join(' · ');
	return (
		<Box flexDirection="column" flexShrink={0}>
			{profiles.slice(top, top + visible).map((profile, index) => (
				<ProfileRow key={profile.name} profile={profile} selected={top + index === selected} test={tests.tests.get(profile.name)} now={now} stopped={stopped} />
			))}
			{hidden === '' ? null : <Paint tone="muted">{`  ${hidden} (↑↓ to move)`}</Paint>}
		</Box>
	);
}
