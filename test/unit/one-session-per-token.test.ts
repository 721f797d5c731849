import {describe, expect, it} from 'vitest';
import {oneSessionPerToken} from '../../source/verify/one-session-per-token.js';

const pause = async (ms: number) =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

describe('oneSessionPerToken', () => {
	it('runs tasks of one token one after another, and of different tokens together', async () => {
		const log: string[] = [];
		const task = (name: string) => async () => {
			log.push(`start ${name}`);
			await pause(20);
			log.push(`end ${name}`);
			return name;
		};

		const results = await Promise.all([oneSessionPerToken('a', task('a1')), oneSessionPerToken('a', task('a2')), oneSessionPerToken('b', task('b1'))]);
		expect(results).toEqual(['a1', 'a2', 'b1']);
		expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
		expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
	});

	it('goes on with the next task after one fails', async () => {
		const failing = oneSessionPerToken('c', async () => {
			throw new Error('boom');
		});
		const next = oneSessionPerToken('c', async () => 'still runs');
		await expect(failing).rejects.toThrow('boom');
		await expect(next).resolves.toBe('still runs');
	});
});
