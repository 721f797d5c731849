import {Box} from 'ink';
import {Definitions} from '../../components/Definitions.js';
import {Paint} from '../../components/Paint.js';
import {addressToUse} from '../../../verify/address-to-use.js';
import {describeAccess, expiresIn, expiryDate, isAdminRole} from '../../../verify/findings.js';
import {userText} from '../../../verify/labels.js';
import type {VerificationResult} from '../../../verify/types.js';
import type {SaveState, SavedProfile} from '../reducer.js';
import {WarningView} from '../../checks/Remedies.js';

type Props = {
	readonly result: VerificationResult;
	readonly tokenName: string;
	readonly save: SaveState;
	readonly saved: SavedProfile | null;
};

function savedText(save: SaveState, saved: SavedProfile | null): string {
	if (save.phase === 'saving') {
		return 'saving…';
	}

	if (save.phase === 'failed') {
		return `✗ not saved: ${save.message}`;
	}

	return saved ? `"${saved.name}", saved in ${saved.path}` : 'not saved';
}

/** What a passing test found, where the profile went, and what to type into Parable. */
export function SuccessView({result, tokenName, save, saved}: Props) {
	const site = result.site === '' ? 'the Default site' : result.site;
	const product = result.serverInfo?.productVersion ? `Tableau ${result.serverInfo.productVersion}` : 'Tableau';
	const user = result.user ? userText(result.user) : 'unknown';
	return (
		<Box flexDirection="column">
			<Paint tone="ok" bold>
				✓ Verified: Parable can connect with this token.
			</Paint>
			{/* The verdict, its warnings and the next step first: they fit the first screen at 80×24. */}
			{save.phase === 'failed' ? <Paint tone="fail">{savedText(save, saved)}</Paint> : null}
			{result.warnings.map(warning => (
				<WarningView key={warning.code} warning={warning} />
			))}
			<Box marginTop={1} flexDirection="column">
				<Paint bold>In Parable&apos;s Tableau form, enter these, then click Save &amp; test connection:</Paint>
				<Definitions
					termWidth={15}
					rows={[
						// Where the server moved us, when it did: the address the warning above says to save.
						['Server URL', addressToUse(result) ?? result.server],
						['Site name', result.site === '' ? '(leave it empty: Default site)' : result.site],
						['Token name', tokenName],
						['Token secret', 'the secret you pasted here (not shown)'],
					]}
				/>
			</Box>
			<Box marginTop={1}>
				<Definitions
					termWidth={10}
					rows={[
						['Server', `${product}, REST API ${result.apiVersion ?? '?'}`],
						['Site', site],
						['User', user],
						[
							'Profile',
							<Paint key="saved" tone={save.phase === 'failed' ? 'fail' : 'plain'}>
								{savedText(save, saved)}
							</Paint>,
						],
						// Below the profile line, so that what was saved, and where, stays on the first screen.
						['Content', result.access ? describeAccess(result.access, !isAdminRole(result.user?.siteRole ?? null)) : 'not counted'],
						[
							'Token',
							result.token ? `expires ${expiresIn(result.token)}, on ${expiryDate(result.token)} (Tableau's estimate)` : 'Tableau did not say when it expires',
						],
					]}
				/>
			</Box>
			<Box marginTop={1}>
				<Paint tone="muted">
					Tableau also ends a token left unused for 15 days in a row. Parable&apos;s sync keeps it in use; until it runs, the home screen (tableau-connect)
					shows when each profile was last verified.
				</Paint>
			</Box>
		</Box>
	);
}
