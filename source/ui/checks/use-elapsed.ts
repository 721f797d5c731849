import {useEffect, useState} from 'react';

/**
Whole seconds since `active` last became true, counting while it stays true; 0 when inactive. Each
row keeps its own clock, so no reducer has to carry start times.
*/
export function useElapsedSeconds(active: boolean, now: () => number = Date.now): number {
	const [elapsed, setElapsed] = useState(0);
	useEffect(() => {
		if (!active) {
			return;
		}

		const started = now();
		// A quarter-second tick: the shown second turns over on time; React skips renders of an unchanged value.
		const timer = setInterval(() => {
			setElapsed(Math.floor((now() - started) / 1000));
		}, 250);
		return () => {
			clearInterval(timer);
			setElapsed(0);
		};
	}, [active, now]);
	return active ? elapsed : 0;
}
