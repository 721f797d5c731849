import {Box, Text} from 'ink';
import {Link} from '../../components/Link.js';
import {Numbered} from '../../components/Numbered.js';
import {Paint} from '../../components/Paint.js';
import {accountSettingsSteps, siteHomeUrl} from '../../../verify/token-steps.js';

type Props = {
	/** The server's origin, once known (from a saved profile, or after visiting step 5). */
	readonly server: string | null;
	readonly site: string | null;
	readonly hyperlinks: boolean;
};

export {siteHomeUrl} from '../../../verify/token-steps.js';

/** Step 3: where the token settings are. */
export function AccountScreen({server, site, hyperlinks}: Props) {
	return (
		<Box flexDirection="column">
			{server ? (
				<Box flexDirection="column" marginBottom={1}>
					<Text>Open your Tableau site in a browser and sign in:</Text>
					<Box marginLeft={2}>
						<Link url={siteHomeUrl(server, site)} hyperlinks={hyperlinks} />
					</Box>
				</Box>
			) : (
				<Box flexDirection="column" marginBottom={1}>
					<Text>Sign in to Tableau in your browser, the way you usually do.</Text>
					<Paint tone="muted">(Tableau Cloud: https://online.tableau.com sends you on to your site.)</Paint>
				</Box>
			)}
			<Text>Then:</Text>
			<Numbered items={[...accountSettingsSteps]} />
			<Box marginTop={1}>
				<Paint tone="muted">Keep the browser tab open: you will copy its address on step 5.</Paint>
			</Box>
		</Box>
	);
}
