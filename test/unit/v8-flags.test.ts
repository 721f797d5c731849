// The V8 flags a run starts with (source/commands/core/v8-flags.ts): the screens and the simulator
// keep V8's compilers, the short commands without a screen drop them; all run WebAssembly on the
// baseline compiler.
import {describe, expect, it} from 'vitest';
import {v8FlagsFor} from '../../source/commands/core/v8-flags.js';

const short = ['--liftoff-only', '--no-turbofan', '--no-maglev', '--no-sparkplug', '--semi-space-growth-factor=1'];

describe('v8FlagsFor', () => {
	it('keeps the compilers for the screens and the simulator', () => {
		for (const argv of [[], ['--help'], ['-v'], ['setup', '--profile', 'acme'], ['demo'], ['simulate', '--port', '0']]) {
			expect(v8FlagsFor(argv), argv.join(' ') || '(none)').toEqual(['--liftoff-only']);
		}
	});

	it('drops them for the commands that end in a second or two', () => {
		for (const argv of [['test', 'acme'], ['profiles', 'list'], ['rotate', 'acme'], ['describe'], ['test-'], ['setup-']]) {
			expect(v8FlagsFor(argv), argv.join(' ')).toEqual(short);
		}
	});
});
