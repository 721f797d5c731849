import {useEffect} from 'react';
import {useApp} from 'ink';

/**
Ends the app once the screen's reducer has an outcome: tells `onExit` first, then hands the outcome
to `waitUntilExit()` through `useApp().exit`, so the command turns it into an exit code.
*/
export function useExitWith<T>(outcome: T | null, onExit?: (outcome: T) => void): void {
	const {exit} = useApp();
	useEffect(() => {
		if (outcome) {
			onExit?.(outcome);
			exit(outcome);
		}
	}, [outcome, onExit, exit]);
}
