/**
The V8 flags a run of the command line starts with: cli.tsx sets them, and the screens' code cache
(source/ui/code-cache.ts, named by scripts/build.js) is kept apart for each set, since V8 refuses a
cache made under other flags.

- Every run: undici parses HTTP with a WebAssembly build of llhttp, and V8's optimising compiler for
  it costs about 35 MiB of memory and 90 ms for no gain in a run of six requests; the baseline
  compiler alone is plenty (`npm run bench`: peak memory of `test --json` 94 → 60 MiB).
- A command without a screen of its own (but simulate, a server) lasts a second or two, and V8's
  compilers cost it more than they win: TurboFan and Maglev compile hot code on a thread of their
  own, with memory and the compiler's code pages, and Sparkplug's code is memory too. The young
  generation doubles from 1 MiB as a run allocates; kept at its first size, a collection comes a
  millisecond more often and the peak stays lower (`npm run bench`: peak memory of `test --all
  --json` over 20 profiles 68 → 60 MiB). The screens (the home screen, setup, demo) keep the
  defaults, for their first frame is what counts.
*/
export function v8FlagsFor(argv: readonly string[]): string[] {
	const command = argv[0];
	const lastsLonger = command === undefined || command.startsWith('-') || ['setup', 'demo', 'simulate'].includes(command);
	return ['--liftoff-only', ...(lastsLonger ? [] : ['--no-turbofan', '--no-maglev', '--no-sparkplug', '--semi-space-growth-factor=1'])];
}
