import {Box, Text} from 'ink';
import {Paint} from '../components/Paint.js';
import {targetText} from '../profile-tests/ProfileHeading.js';
import {TestStatus} from '../profile-tests/TestStatus.js';
import type {ProfileTest} from '../profile-tests/tests-reducer.js';
import type {ProfileSummary} from '../profile-tests/types.js';

type Props = {
	readonly profile: ProfileSummary;
	readonly selected: boolean;
	readonly test: ProfileTest | undefined;
	readonly now: number;
	readonly stopped: boolean;
};

/** Two lines: the name and its last (or live) result; then server, site and token name. */
export function ProfileRow({profile, selected, test, now, stopped}: Props) {
	return (
		<Box flexDirection="column">
			<Box>
				<Box width={2} flexShrink={0}>
					<Paint tone="accent" bold>
						{selected ? '›' : ' '}
					</Paint>
				</Box>
				<Box flexGrow={1} flexShrink={1} marginRight={2}>
					<Text wrap="truncate-end">
						<Paint tone={selected ? 'accent' : 'plain'} bold={selected}>
							{profile.name}
						</Paint>
					</Text>
				</Box>
				<Box flexShrink={0}>
					<TestStatus test={test} last={profile.lastVerification} now={now} stopped={stopped} />
				</Box>
			</Box>
			<Box marginLeft={4}>
				<Text wrap="truncate-end">
					<Paint tone="muted">{targetText(profile)}</Paint>
				</Text>
			</Box>
		</Box>
	);
}
