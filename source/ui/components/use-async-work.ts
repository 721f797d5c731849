import {useEffect, useRef} from 'react';

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
Work a screen's state asks for (a save, a removal, a move) that may outlive the render that asked:
runs `work` once for each new `request` (null: none asked), with the props of the latest render, and
reports how it ended through `settle`, whatever the screen shows by then. A synchronous `work`, or one
that throws, ends the same way as a promise.
*/
export function useAsyncWork<Request, Result>(
	request: Request | null,
	work: (request: Request) => Result | Promise<Result>,
	settle: {done: (result: Result, request: Request) => void; failed: (message: string, request: Request) => void},
): void {
	const latest = useRef({work, settle});
	latest.current = {work, settle};
	useEffect(() => {
		if (request === null) {
			return;
		}

		const {work: workNow, settle: settleNow} = latest.current;
		Promise.resolve()
			.then(async () => workNow(request))
			.then(
				result => {
					settleNow.done(result, request);
				},
				(error: unknown) => {
					settleNow.failed(messageOf(error), request);
				},
			);
	}, [request]);
}
