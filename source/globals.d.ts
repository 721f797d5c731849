/** The package version, written in by the bundler (and by vitest's `define`). */
declare const __VERSION__: string;
