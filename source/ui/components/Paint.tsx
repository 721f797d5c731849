import {createContext, useContext, type ReactNode} from 'react';
import {Text} from 'ink';

/** Whether colour may be used; false under NO_COLOR. Symbols and words carry meaning either way. */
export const ColorContext = createContext(true);

export type Tone = 'ok' | 'warn' | 'fail' | 'muted' | 'accent' | 'plain';

const colors: Record<Tone, string | undefined> = {ok: 'green', warn: 'yellow', fail: 'red', muted: 'gray', accent: 'cyan', plain: undefined};

type Props = {
	readonly tone?: Tone;
	readonly bold?: boolean;
	readonly wrap?: 'wrap' | 'truncate-end';
	readonly children: ReactNode;
};

/** Text in a tone: coloured when colour is allowed, plain otherwise. */
export function Paint({tone = 'plain', bold = false, wrap = 'wrap', children}: Props) {
	const colorful = useContext(ColorContext);
	const color = colorful ? colors[tone] : undefined;
	return (
		<Text color={color} bold={colorful && bold} wrap={wrap}>
			{children}
		</Text>
	);
}
