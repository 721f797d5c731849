import {useEffect, useRef} from 'react';

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

type Settle<Request, Result> = {done: (result: Result, request: Request) => void; failed: (message: string, request: Request) => void};

/**
Work a screen's state asks for (a test, a save, a removal, a move, a trace) that may outlive the
render that asked: runs `work` once for each request as it appears in `requests` (told apart by
`keyOf`), with the props of the latest render, and reports how it ended through `settle`, whatever
the screen shows by then. A request that leaves the list and comes back is new work. A synchronous
`work`, or one that throws, ends the same way as a promise.
*/
export function useAsyncWorkEach<Request, Result>(
	requests: readonly Request[],
	keyOf: (request: Request) => unknown,
	work: (request: Request) => Result | Promise<Result>,
	settle: Settle<Request, Result>,
): void {
	const latest = useRef({work, settle, keyOf});
	latest.current = {work, settle, keyOf};
	const started = useRef(new Set<unknown>());
	// After every render: the list is the state's, so comparing keys is what tells new work from old.
	useEffect(() => {
		const {keyOf: keyNow} = latest.current;
		const present = new Set(requests.map(request => keyNow(request)));
		for (const key of started.current) {
			if (!present.has(key)) {
				started.current.delete(key);
			}
		}

		for (const request of requests) {
			const key = keyNow(request);
			if (started.current.has(key)) {
				continue;
			}

			started.current.add(key);
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
		}
	});
}

function itself<Request>(request: Request): Request {
	return request;
}

/** `useAsyncWorkEach` for a screen that asks for one piece of work at a time (null: none asked). */
export function useAsyncWork<Request, Result>(
	request: Request | null,
	work: (request: Request) => Result | Promise<Result>,
	settle: Settle<Request, Result>,
): void {
	useAsyncWorkEach(request === null ? [] : [request], itself, work, settle);
}
