import {useEffect, useState} from 'react';
import {Text, useIsScreenReaderEnabled} from 'ink';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner while something runs. Screen readers get one steady symbol instead of frames. */
export function Spinner() {
	const screenReader = useIsScreenReaderEnabled();
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		if (screenReader) {
			return;
		}

		const timer = setInterval(() => {
			setFrame(previous => (previous + 1) % frames.length);
		}, 80);
		return () => {
			clearInterval(timer);
		};
	}, [screenReader]);
	return <Text>{screenReader ? '…' : frames[frame]}</Text>;
}
