import {Box} from 'ink';
import {Paint} from '../components/Paint.js';
import {CheckList} from '../checks/CheckList.js';
import type {ProfileTest} from './tests-reducer.js';
import {Verdict} from './Verdict.js';

type Props = {
	readonly test: Exclude<ProfileTest, {phase: 'queued'}>;
	readonly columns: number;
};

/** One test as it runs and ends: the live check lines (a spinner on the running one), then the verdict. */
export function TestBlock({test, columns}: Props) {
	return (
		<Box flexDirection="column">
			<CheckList checks={test.checks} columns={columns} />
			{test.phase === 'done' ? (
				<Box marginTop={1} flexDirection="column">
					<Verdict result={test.result} />
					{test.recordError ? <Paint tone="warn">! The result could not be recorded: {test.recordError}</Paint> : null}
				</Box>
			) : null}
			{test.phase === 'crashed' ? (
				<Box marginTop={1}>
					<Paint tone="fail">✗ The test stopped unexpectedly: {test.message}</Paint>
				</Box>
			) : null}
		</Box>
	);
}
