import {Box, Text} from 'ink';
import {Definitions} from '../../components/Definitions.js';
import {Paint} from '../../components/Paint.js';
import type {WizardState} from '../reducer.js';
import {caFileOf, verificationInput} from '../reducer.js';

type Props = {
	readonly state: WizardState;
	/** Whether Enter saves and tests now, from the wizard's keymap: the page promises only that. */
	readonly enterStartsTest: boolean;
};

/** Step 7: every value as it will be used (the secret masked), and what testing does to other sessions. */
export function ReviewScreen({state, enterStartsTest}: Props) {
	const input = verificationInput(state);
	const {editingProfile, existingProfileNames} = state.context;
	const replaces = input.profile !== editingProfile && existingProfileNames.includes(input.profile);
	const renames = editingProfile !== null && input.profile !== editingProfile ? ` (renames "${editingProfile}" to "${input.profile}")` : '';
	return (
		<Box flexDirection="column">
			{state.message ? <Paint tone="warn">! {state.message}</Paint> : null}
			<Text>These values will be tested, then saved:</Text>
			<Box marginY={1}>
				<Definitions
					termWidth={15}
					rows={[
						['Server URL', input.server],
						['Site', input.site === '' ? '(empty: the Default site)' : input.site],
						...(caFileOf(state) === null ? [] : [['CA file', caFileOf(state)!] as [string, string]]),
						['Token name', input.tokenName],
						['Token secret', `${'*'.repeat(12)} (hidden)`],
						['Profile', `${input.profile}${renames}${replaces ? ' (replaces the saved profile of that name)' : ''}`],
					]}
				/>
			</Box>
			<Paint tone="warn" bold>
				! Testing ends other sessions of this token.
			</Paint>
			<Text>
				Tableau allows one session per token: signing in ends any other session that uses it, such as a Parable sync running now. The test signs out again when
				it is done.
			</Text>
			{enterStartsTest ? (
				<Box marginTop={1}>
					<Text>
						Press <Paint bold>Enter</Paint> to save &amp; test. The profile is saved once the test passes; if it fails, you choose.
					</Text>
				</Box>
			) : null}
		</Box>
	);
}
