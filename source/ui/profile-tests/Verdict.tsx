import {Box, Text} from 'ink';
import type {VerificationResult} from '../../verify/types.js';
import {userText} from '../../verify/labels.js';
import {Paint} from '../components/Paint.js';
import {DiagnosisView, WarningView} from '../checks/Remedies.js';

/** What a passing test found: who signed in, where, on which versions. */
function Verified({result}: {readonly result: VerificationResult}) {
	const who = result.user ? userText(result.user) : 'The token';
	const where = result.site === '' ? 'the Default site' : `site "${result.site}"`;
	const product = result.serverInfo?.productVersion ? `Tableau ${result.serverInfo.productVersion}, ` : '';
	return (
		<Text>
			<Paint tone="ok" bold>
				✓ Verified:
			</Paint>{' '}
			{who} can use {where} ({product}REST API {result.apiVersion ?? '?'}).
		</Text>
	);
}

/** The end of a test: verified, or the diagnosis with its numbered remedies; warnings either way. */
export function Verdict({result}: {readonly result: VerificationResult}) {
	return (
		<Box flexDirection="column">
			{result.diagnosis ? <DiagnosisView diagnosis={result.diagnosis} /> : <Verified result={result} />}
			{result.warnings.map(warning => (
				<WarningView key={warning.code} warning={warning} />
			))}
		</Box>
	);
}
