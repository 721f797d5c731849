import {Text} from 'ink';
import {describeLastVerification, timeAgo} from '../../profiles/last-verification.js';
import type {LastVerification} from '../../profiles/types.js';
import {Paint} from '../components/Paint.js';
import {Spinner} from '../components/Spinner.js';
import {checkLabels} from '../../verify/labels.js';
import type {ProfileTest} from './tests-reducer.js';

type Props = {
	/** This session's test of the profile, if any: it wins over the stored result. */
	readonly test: ProfileTest | undefined;
	readonly last: LastVerification | null;
	readonly now: number;
	/** The screen was left while this test ran: say it stopped rather than leave a spinner behind. */
	readonly stopped?: boolean;
};

function progress(test: Extract<ProfileTest, {phase: 'running'}>): string {
	const current = test.checks.find(line => line.status === 'running');
	const ended = test.checks.filter(line => line.status !== 'pending' && line.status !== 'running').length;
	return `testing: ${current ? checkLabels[current.id] : 'starting'} (${ended}/${test.checks.length})`;
}

/**
A profile's state in one line, always a symbol and words (✓ verified, ✗ signin-failed, ! with a
warning), so it reads the same without colour.
*/
export function TestStatus({test, last, now, stopped = false}: Props) {
	if (stopped && (test?.phase === 'queued' || test?.phase === 'running')) {
		return <Paint tone="warn">- test stopped</Paint>;
	}

	if (test?.phase === 'queued') {
		return <Paint tone="muted">· waiting to test</Paint>;
	}

	if (test?.phase === 'running') {
		return (
			<Text>
				<Paint tone="accent">
					<Spinner />
				</Paint>{' '}
				{progress(test)}
			</Text>
		);
	}

	if (test?.phase === 'crashed') {
		return <Paint tone="fail">✗ test stopped {timeAgo(test.finishedAt, now)}</Paint>;
	}

	if (test?.phase === 'done') {
		const {result} = test;
		const ago = timeAgo(test.finishedAt, now);
		if (!result.ok) {
			return <Paint tone="fail">{`✗ ${result.diagnosis?.code ?? 'failed'} ${ago}`}</Paint>;
		}

		const count = result.warnings.length;
		return count === 0 ? (
			<Paint tone="ok">✓ verified {ago}</Paint>
		) : (
			<Paint tone="warn">{`! verified, ${count} warning${count === 1 ? '' : 's'}, ${ago}`}</Paint>
		);
	}

	return <Paint tone={last === null ? 'muted' : last.ok ? 'ok' : 'fail'}>{describeLastVerification(last, now)}</Paint>;
}
