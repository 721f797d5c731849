import {useEffect, useRef, type Dispatch} from 'react';
import type {ProfileSummary} from '../profile-tests/types.js';
import type {HomeAction} from './reducer.js';

/** How often the list is read again while the screen is open: the store is one small file. */
const refreshIntervalMs = 2000;

/**
Reads the saved profiles again every couple of seconds while `active`, so profiles added, changed or
removed by another command (`profiles add`, another terminal) show up without leaving the screen.
A store that cannot be read right now keeps the list as it was; the next read may succeed.
*/
export function useStoreRefresh(list: () => readonly ProfileSummary[], dispatch: Dispatch<HomeAction>, active: boolean, intervalMs = refreshIntervalMs): void {
	const latest = useRef(list);
	useEffect(() => {
		latest.current = list;
	});
	useEffect(() => {
		if (!active) {
			return;
		}

		const timer = setInterval(() => {
			try {
				dispatch({type: 'profiles-read', profiles: latest.current()});
			} catch {
				// Mid-write or broken: the next tick tries again, and every command reports a bad store itself.
			}
		}, intervalMs);
		return () => {
			clearInterval(timer);
		};
	}, [active, dispatch, intervalMs]);
}
