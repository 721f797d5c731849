const tails = new Map<string, Promise<unknown>>();

/**
Runs `task` after every earlier task with the same key has finished. Tableau keeps one session per
personal access token, so two checks of the same token at once sign each other out
(`session-invalidated`); `test --all` and the home screen may hold several profiles that share a
token, and must take turns with it. Different tokens still run side by side.
*/
export async function oneSessionPerToken<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	const current = previous.catch(() => {}).then(task);
	const tail = current.catch(() => {});
	tails.set(key, tail);
	try {
		return await current;
	} finally {
		// The last one out forgets the key, so the map does not grow with every token ever tested.
		if (tails.get(key) === tail) {
			tails.delete(key);
		}
	}
}
