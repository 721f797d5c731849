import {useLayoutEffect, useRef, useState, type ReactNode} from 'react';
import {Box, measureElement, type DOMElement} from 'ink';

type Props = {
	/** Rows available; taller content is clipped and scrolls. */
	readonly height: number;
	/** Rows scrolled past; the reducer keeps it within the limit this component reports. */
	readonly scroll: number;
	/** Called with how far the content can scroll (0 when it fits). */
	readonly onScrollLimit: (max: number) => void;
	readonly children: ReactNode;
};

/**
Keeps a screen within the terminal: Ink redraws the whole terminal (and loses the scrollback) when
a frame is as tall as the window, so content taller than `height` is clipped and scrolled.
*/
export function Viewport({height, scroll, onScrollLimit, children}: Props) {
	const content = useRef<DOMElement>(null);
	const [contentHeight, setContentHeight] = useState<number | null>(null);
	// A layout effect re-renders before Ink writes the frame, so the first frame already fits. It runs
	// after every render on purpose: any change of content may change the height, and it only sets
	// state when the measured height differs, so it cannot loop.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	useLayoutEffect(() => {
		if (!content.current) {
			return;
		}

		const measured = measureElement(content.current).height;
		if (measured !== contentHeight) {
			setContentHeight(measured);
		}

		onScrollLimit(Math.max(0, measured - height));
	});
	// Until measured, assume the worst: a clipped first frame is better than one that overflows.
	const shown = Math.max(1, contentHeight === null ? height : Math.min(height, contentHeight));
	return (
		<Box height={shown} width="100%" overflow="hidden" flexDirection="column" flexShrink={0}>
			<Box ref={content} width="100%" flexDirection="column" flexShrink={0} marginTop={-Math.min(scroll, Math.max(0, (contentHeight ?? 0) - height))}>
				{children}
			</Box>
		</Box>
	);
}
