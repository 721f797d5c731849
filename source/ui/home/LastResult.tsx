import {Box, Text} from 'ink';
import {timeAgo} from '../../profiles/last-verification.js';
import type {LastVerification} from '../../profiles/types.js';
import {diagnosisCatalogue} from '../../verify/diagnoses.js';
import {userText} from '../../verify/labels.js';
import {Paint} from '../components/Paint.js';

function Summary({last, now}: {readonly last: LastVerification | null; readonly now: number}) {
	if (!last) {
		return <Text>Not tested yet. Press t to test it.</Text>;
	}

	const ago = timeAgo(last.at, now);
	if (last.ok) {
		const who = last.userName ? `, ${userText({name: last.userName, siteRole: last.siteRole})}` : '';
		return (
			<Text>
				<Paint tone="ok">✓ Last test passed {ago}</Paint>: Tableau {last.productVersion ?? '?'}, REST API {last.apiVersion ?? '?'}
				{who}. Press t to test it again.
			</Text>
		);
	}

	const code = last.diagnosisCode;
	return (
		<Text>
			<Paint tone="fail">✗ Last test failed {ago}</Paint>
			{code ? `: ${diagnosisCatalogue[code].title} [${code}]` : ''}. Press t to test it again and see what to do.
		</Text>
	);
}

/** The selected profile before it is tested in this session: its stored result, and what testing does. */
export function LastResult({last, now}: {readonly last: LastVerification | null; readonly now: number}) {
	return (
		<Box flexDirection="column">
			<Summary last={last} now={now} />
			<Paint tone="muted">A test signs in with the token, which ends any other session of it (a Parable sync running now, for example).</Paint>
		</Box>
	);
}
