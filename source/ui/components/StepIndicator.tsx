import {Box, Text} from 'ink';
import {stepCount, stepNumber, stepTitles, type StepId} from '../wizard/steps.js';
import {Paint} from './Paint.js';

type Props = {
	readonly step: StepId;
	/** A quiet line under the step, such as the demo's "Simulated Tableau · …". */
	readonly banner?: string | undefined;
	/** What the steps work on, such as the profile being edited. */
	readonly subject?: string | undefined;
};

/** "Step 5 of 8 · Server details", always on the first line. */
export function StepIndicator({step, banner, subject}: Props) {
	const number = stepNumber(step);
	const progress = '■'.repeat(number) + '□'.repeat(stepCount - number);
	return (
		<Box flexDirection="column">
			<Box justifyContent="space-between">
				<Text wrap="truncate-end">
					<Paint tone="accent" bold>{`Step ${number} of ${stepCount} · ${stepTitles[step]}`}</Paint>
				</Text>
				<Box flexShrink={0} marginLeft={1}>
					<Paint tone="muted">{progress}</Paint>
				</Box>
			</Box>
			{subject ? (
				<Text wrap="truncate-end">
					<Paint bold>{subject}</Paint>
				</Text>
			) : null}
			{banner ? (
				<Text wrap="truncate-end">
					<Paint tone="muted">{banner}</Paint>
				</Text>
			) : null}
		</Box>
	);
}
