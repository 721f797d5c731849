import {Box, Text} from 'ink';
import {Numbered} from '../../components/Numbered.js';
import {Paint} from '../../components/Paint.js';
import {suggestedTokenName} from '../steps.js';
import {createTokenSteps, tokenCautions} from '../../../verify/token-steps.js';

/** Step 4: create the token and keep both values. */
export function TokenScreen() {
	const {nameStep, rest} = createTokenSteps(suggestedTokenName);
	return (
		<Box flexDirection="column">
			<Text>In the Personal Access Tokens section:</Text>
			<Numbered
				items={[
					<Text key="name">
						{nameStep.before}
						<Paint bold>{nameStep.name}</Paint>
						{nameStep.after}
					</Text>,
					...rest,
				]}
			/>
			{tokenCautions.map(caution => (
				<Box key={caution.title} marginTop={1} flexDirection="column">
					<Paint tone="warn" bold>
						{caution.title}
					</Paint>
					<Text>{caution.text}</Text>
				</Box>
			))}
		</Box>
	);
}
