// The one hook behind every piece of work a screen starts (tests, saves, removals, moves, traces):
// each request runs once while it is asked for, again only after it left the list, with the props of
// the latest render, and it settles whatever the screen shows by then.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {useAsyncWork, useAsyncWorkEach} from '../../source/ui/components/use-async-work.js';
import {waitFor} from '../helpers/ink.js';

type Log = string[];
let instance: ReturnType<typeof render> | undefined;

afterEach(() => {
	instance?.unmount();
	instance = undefined;
});

function Each({requests, label, log}: {requests: string[]; label: string; log: Log}) {
	useAsyncWorkEach(
		requests,
		request => request,
		async request => {
			log.push(`start ${request} (${label})`);
			if (request.startsWith('bad')) {
				throw new Error(`${request} failed`);
			}

			return request.toUpperCase();
		},
		{
			done(result, request) {
				log.push(`done ${request}: ${result} (${label})`);
			},
			failed(message, request) {
				log.push(`failed ${request}: ${message}`);
			},
		},
	);
	return <Text>{requests.join(',') || 'none'}</Text>;
}

function One({request, log}: {request: number | null; log: Log}) {
	useAsyncWork(
		request,
		run => {
			log.push(`run ${run}`);
			return run * 2;
		},
		{
			done(result, run) {
				log.push(`done ${run} → ${result}`);
			},
			failed(message) {
				log.push(`failed ${message}`);
			},
		},
	);
	return <Text>{String(request)}</Text>;
}

describe('useAsyncWorkEach', () => {
	test('runs each request once while it stays asked for, with the latest props, and reports failures as messages', async () => {
		const log: Log = [];
		instance = render(<Each requests={['a']} label="first" log={log} />);
		await waitFor(
			() => log.includes('done a: A (first)'),
			() => log.join('\n'),
		);
		instance.rerender(<Each requests={['a', 'bad-b']} label="second" log={log} />);
		await waitFor(
			() => log.includes('failed bad-b: bad-b failed'),
			() => log.join('\n'),
		);
		instance.rerender(<Each requests={['a', 'bad-b']} label="third" log={log} />);
		instance.rerender(<Each requests={['a', 'bad-b', 'c']} label="fourth" log={log} />);
		await waitFor(
			() => log.includes('done c: C (fourth)'),
			() => log.join('\n'),
		);
		expect(log.filter(line => line.startsWith('start'))).toEqual(['start a (first)', 'start bad-b (second)', 'start c (fourth)']);
	});

	test('a request that left the list and comes back is new work', async () => {
		const log: Log = [];
		instance = render(<Each requests={['a']} label="first" log={log} />);
		await waitFor(
			() => log.includes('done a: A (first)'),
			() => log.join('\n'),
		);
		instance.rerender(<Each requests={[]} label="gone" log={log} />);
		instance.rerender(<Each requests={['a']} label="back" log={log} />);
		await waitFor(
			() => log.includes('done a: A (back)'),
			() => log.join('\n'),
		);
		expect(log.filter(line => line.startsWith('start'))).toEqual(['start a (first)', 'start a (back)']);
	});
});

describe('useAsyncWork', () => {
	test('runs nothing for null, then each new request once, synchronous work included', async () => {
		const log: Log = [];
		instance = render(<One request={null} log={log} />);
		instance.rerender(<One request={1} log={log} />);
		await waitFor(
			() => log.includes('done 1 → 2'),
			() => log.join('\n'),
		);
		instance.rerender(<One request={1} log={log} />);
		instance.rerender(<One request={2} log={log} />);
		await waitFor(
			() => log.includes('done 2 → 4'),
			() => log.join('\n'),
		);
		expect(log).toEqual(['run 1', 'done 1 → 2', 'run 2', 'done 2 → 4']);
	});
});
