import {Box, Text} from 'ink';
import {timeAgo} from '../../profiles/last-verification.js';
import {Paint} from '../components/Paint.js';
import {TestBlock} from '../profile-tests/TestBlock.js';
import type {ProfileTest} from '../profile-tests/tests-reducer.js';
import type {ProfileSummary} from '../profile-tests/types.js';
import {LastResult} from './LastResult.js';

type Props = {
	readonly profile: ProfileSummary;
	readonly test: ProfileTest | undefined;
	readonly now: number;
	readonly columns: number;
	readonly limit: number;
};

/** Below the list: the selected profile's live test (checks, then verdict and remedies), or its stored result. */
export function ProfileDetail({profile, test, now, columns, limit}: Props) {
	if (!test) {
		return <LastResult last={profile.lastVerification} now={now} />;
	}

	if (test.phase === 'queued') {
		return <Paint tone="muted">{`Waiting for its turn: ${limit} tests run at a time.`}</Paint>;
	}

	return (
		<Box flexDirection="column">
			<Text>{test.phase === 'running' ? 'Testing now…' : `Tested ${timeAgo(test.finishedAt, now)}:`}</Text>
			<TestBlock test={test} columns={columns} />
		</Box>
	);
}
