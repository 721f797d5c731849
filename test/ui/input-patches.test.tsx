// The patches in patches/ (applied by the `prepare` script on every install in a clone) checked by behaviour: each
// test here fails on a stock ink 6.8.0 or ink-text-input 6.0.0. See the header of each patch file.
import {useState} from 'react';
import {afterEach, describe, expect, test} from 'vitest';
import {Text, useInput} from 'ink';
import TextInput from 'ink-text-input';
import {cleanup, render} from 'ink-testing-library';
import {keys, waitFor, waitForFrame} from '../helpers/ink.js';

afterEach(() => {
	cleanup();
});

/** Appends every event it receives to a list, using the state of the render that created the handler. */
function EventLog({onEvent}: {readonly onEvent?: (event: string) => void}) {
	const [log, setLog] = useState<string[]>([]);
	useInput((input, key) => {
		onEvent?.(key.return ? 'Enter' : key.tab ? 'Tab' : key.ctrl ? `Ctrl-${input}` : key.backspace || key.delete ? 'Backspace' : input);
		// Built from this render's `log`, as ink-text-input builds from its `value` prop.
		setLog([...log, input]);
	});
	return <Text>log:{log.map(item => JSON.stringify(item)).join(',')}.</Text>;
}

describe('ink (patches/ink+6.8.0.patch)', () => {
	test('each key of a synchronous burst renders before the next one is handled (use-input.js)', async () => {
		const instance = render(<EventLog />);
		await waitForFrame(instance, 'log:.');
		for (const character of 'Ada') {
			instance.stdin.write(character);
		}

		// Stock ink: the second and third handlers are the first render's, so only the last key survives.
		await waitForFrame(instance, 'log:"A","d","a".');
	});

	test('control characters in one read are events of their own, in order; text between stays whole (input-parser.js)', async () => {
		const events: string[] = [];
		const instance = render(<EventLog onEvent={input => events.push(input)} />);
		await waitForFrame(instance, 'log:.');
		instance.stdin.write('acme\r\r\tab\u0015x\u007F\r\n');
		await waitFor(
			() => events.length >= 9,
			() => `events so far: ${JSON.stringify(events)}`,
		);
		// Stock ink: one event, "acme\r\r\tab\u0015x\u007F\r\n", read as text.
		expect(events).toEqual(['acme', 'Enter', 'Enter', 'Tab', 'ab', 'Ctrl-u', 'x', 'Backspace', '\r\n']);
	});
});

function Field({onSubmit}: {readonly onSubmit: (value: string) => void}) {
	const [value, setValue] = useState('');
	return (
		<Text>
			[<TextInput value={value} onChange={setValue} onSubmit={onSubmit} />]
		</Text>
	);
}

describe('ink-text-input (patches/ink-text-input+6.0.0.patch)', () => {
	test('a Ctrl or Alt combination inserts nothing', async () => {
		const instance = render(<Field onSubmit={() => undefined} />);
		await waitForFrame(instance, '[');
		instance.stdin.write('ab');
		instance.stdin.write(keys.ctrlU);
		instance.stdin.write(keys.ctrlR);
		instance.stdin.write('\u001Bx');
		instance.stdin.write('c');
		await waitForFrame(instance, frame => frame.replaceAll(/\u001B\[\d+m/g, '').includes('[abc'));
	});

	test('a paste that ends in a line feed submits the value', async () => {
		const submitted: string[] = [];
		const instance = render(<Field onSubmit={value => submitted.push(value)} />);
		await waitForFrame(instance, '[');
		instance.stdin.write('Ada\n');
		await waitFor(
			() => submitted.length > 0,
			() => `nothing submitted; frame: ${instance.lastFrame() ?? ''}`,
		);
		expect(submitted).toEqual(['Ada']);
	});

	test('Left at the start, then a letter, puts the letter first', async () => {
		const instance = render(<Field onSubmit={() => undefined} />);
		await waitForFrame(instance, '[');
		instance.stdin.write('bc');
		instance.stdin.write(keys.left);
		instance.stdin.write(keys.left);
		instance.stdin.write(keys.left);
		instance.stdin.write('a');
		await waitForFrame(instance, frame => frame.replaceAll(/\u001B\[\d+m/g, '').includes('[abc'));
	});
});
