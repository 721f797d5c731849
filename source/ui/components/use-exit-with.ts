import {useEffect, useRef} from 'react';
import {useApp} from 'ink';

/**
Ends the app once the screen's reducer has an outcome: tells `onExit` first, then hands the outcome
to `waitUntilExit()` through `useApp().exit`, so the command turns it into an exit code. Once only:
a screen may work its outcome out afresh on every render.
*/
export function useExitWith<T>(outcome: T | null, onExit?: (outcome: T) => void): void {
	const {exit} = useApp();
	const handed = useRef(false);
	useEffect(() => {
		if (outcome && !handed.current) {
			handed.current = true;
			onExit?.(outcome);
			exit(outcome);
		}
	}, [outcome, onExit, exit]);
}
