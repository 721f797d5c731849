import {Box, Text} from 'ink';
import {Numbered} from '../../components/Numbered.js';
import {Paint} from '../../components/Paint.js';

/** Step 2: the role and the site setting the token needs, and what to ask for when they are missing. */
export function PrerequisitesScreen() {
	return (
		<Box flexDirection="column">
			<Text>Two things must be true of the Tableau account that creates the token:</Text>
			<Numbered
				items={[
					'It has the Site Administrator role (Creator or Explorer) on the site. A lower role can still sign in, but Parable then misses what that role cannot see.',
					'Personal access tokens are allowed on the site (an administrator can turn them off, or limit them to a group).',
				]}
			/>
			<Box marginTop={1} flexDirection="column">
				<Paint bold>Not your account?</Paint>
				<Text>
					Ask your Tableau site administrator either to give you the Site Administrator role, or to create the token with their own account and send you its
					name and secret through a password manager. Ask them to confirm that personal access tokens are turned on for the site.
				</Text>
			</Box>
			<Box marginTop={1}>
				<Paint tone="muted">You can go on either way: the test at the end says what is missing.</Paint>
			</Box>
		</Box>
	);
}
