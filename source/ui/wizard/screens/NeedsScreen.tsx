import {Box, Text} from 'ink';
import {Definitions} from '../../components/Definitions.js';
import {Paint} from '../../components/Paint.js';

/** Step 1: what the wizard will ask for, and what Parable does with it. */
export function NeedsScreen() {
	return (
		<Box flexDirection="column">
			<Text>
				Parable connects to Tableau Server or Tableau Cloud through Tableau&apos;s REST API and signs in with a personal access token (PAT). This wizard walks
				you through creating one, then tests it and saves it.
			</Text>
			<Box marginTop={1} flexDirection="column">
				<Paint bold>With it, Parable reads:</Paint>
				<Definitions
					termWidth={10}
					rows={[
						['Content', 'workbooks, dashboards and data sources'],
						['Usage', "views, activity and the site's users"],
					]}
				/>
			</Box>
			<Box marginTop={1} flexDirection="column">
				<Paint bold>You will collect four values on the way:</Paint>
				<Definitions
					termWidth={15}
					rows={[
						['Token name', 'the name you give the token in Tableau'],
						['Token secret', 'the random value Tableau shows once, when the token is made'],
						['Site name', "the site's content URL, as in the address bar after /site/"],
						['Server URL', 'the address of your Tableau Server or Tableau Cloud pod'],
					]}
				/>
			</Box>
			<Box marginTop={1}>
				<Paint tone="muted">Nothing is written to disk before the last step.</Paint>
			</Box>
		</Box>
	);
}
