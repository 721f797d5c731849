import {Text} from 'ink';
import {hyperlink} from '../hyperlinks.js';

type Props = {
	readonly url: string;
	/** Whether the terminal shows OSC 8 links; otherwise the address is printed as it is. */
	readonly hyperlinks: boolean;
};

/** An address to open: clickable where the terminal supports it, plain text everywhere else. */
export function Link({url, hyperlinks}: Props) {
	return <Text underline={hyperlinks}>{hyperlinks ? hyperlink(url, url) : url}</Text>;
}
