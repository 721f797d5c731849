import {Box, Text} from 'ink';
import {Paint} from '../../components/Paint.js';
import {curlCommands, fallbackApiVersion, secretVariable, type CurlInput} from '../curl-commands.js';

/** The test as curl commands, with the secret left in a shell variable. */
export function CurlView(props: {readonly input: CurlInput}) {
	const version = props.input.apiVersion ?? `${fallbackApiVersion} (the one Parable's Tableau page uses: the server's own is not known yet)`;
	return (
		<Box flexDirection="column">
			<Text>{`The same test with curl, at REST API ${version}. The secret is read from $${secretVariable} and never shown here.`}</Text>
			<Box marginTop={1} flexDirection="column">
				{curlCommands(props.input).map((line, index) => (
					// These lines never reorder, so the index is a stable key.
					<Paint key={index} tone={line.startsWith('#') ? 'muted' : 'plain'}>
						{line}
					</Paint>
				))}
			</Box>
		</Box>
	);
}
