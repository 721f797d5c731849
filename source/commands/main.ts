// The command line without the process around it: read the command, load only its module, and turn
// its outcome into an exit code. `cli.tsx` gives it the process's streams and environment; tests
// give it their own, and run commands in-process. Every command is imported lazily so that
// `--help`, `test` and `profiles` never load Ink or React.
import {interruptedExitCode, isInterruption} from './core/interrupt.js';
import type {CommandIo} from './core/io.js';
import {UsageError} from './core/usage-error.js';

const mainHelp = `tableau-connect ${__VERSION__}: connect Parable to Tableau with a personal access token.

Usage:
  tableau-connect                         the wizard, or your saved profiles if you have some
  tableau-connect setup [--profile NAME]  set up a connection step by step (or edit NAME)
  tableau-connect test [NAME] [--all]     re-test saved profiles
  tableau-connect test --server URL [--site S] --token-name N [--token-secret-stdin]
                                          test values without saving them
  tableau-connect profiles [list|show NAME|remove NAME|rename OLD NEW|add NAME …]
  tableau-connect rotate NAME [--token-name N] [--token-secret-stdin] [--json]
                                          replace a profile's token: test the new one first, then swap
  tableau-connect describe [NAME] [--server URL …] [--json]
                                          the values a test would use and where each came from; no network
  tableau-connect demo [--scenario ID] [--list]
                                          the whole flow against a built-in Tableau simulator
  tableau-connect simulate [--port N] [--host H] [--scenario ID] [--tls] [--json]
                                          run the Tableau simulator on its own

Run "tableau-connect COMMAND --help" for a command's options.
Environment: TABLEAU_SERVER, TABLEAU_SITE, TABLEAU_TOKEN_NAME, TABLEAU_TOKEN_SECRET,
TABLEAU_CONNECT_CONFIG_DIR, TABLEAU_CONNECT_SECRET_STORE (keychain or file), HTTPS_PROXY, NO_PROXY,
NODE_EXTRA_CA_CERTS, NO_COLOR.`;

type Command = (argv: string[], io: CommandIo) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
	test: async () => (await import('./test/test.js')).runTestCommand,
	simulate: async () => (await import('./simulate/simulate.js')).runSimulateCommand,
	profiles: async () => (await import('./profiles/profiles.js')).runProfilesCommand,
	rotate: async () => (await import('./rotate/rotate.js')).runRotateCommand,
	describe: async () => (await import('./describe/describe.js')).runDescribeCommand,
	setup: async () => (await import('./setup/setup.js')).runSetupCommand,
	demo: async () => (await import('./demo/demo.js')).runDemoCommand,
};

/** The value of `--flag VALUE` or `--flag=VALUE`, read before the command parses its arguments properly. */
function flagValue(argv: string[], flag: string): string | undefined {
	const index = argv.findIndex(argument => argument === flag || argument.startsWith(`${flag}=`));
	if (index === -1) {
		return undefined;
	}

	const argument = argv[index]!;
	return argument === flag ? argv[index + 1] : argument.slice(flag.length + 1);
}

/** Runs one command line with `io`, and returns its exit code. Ctrl-C reaches the command through `io.interrupts`. */
export async function runCommandLine(argv: string[], io: CommandIo): Promise<number> {
	const [first, ...rest] = argv;
	if (first === '--version' || first === '-v') {
		io.stdout.write(`${__VERSION__}\n`);
		return 0;
	}

	if (first === '--help' || first === '-h' || first === 'help') {
		io.stdout.write(`${mainHelp}\n`);
		return 0;
	}

	try {
		if (first === undefined || first.startsWith('-')) {
			const {runHomeCommand} = await import('./home/home.js');
			return await runHomeCommand(argv, io);
		}

		const load = commands[first];
		if (!load) {
			throw new UsageError(`Unknown command "${first}". Commands: ${Object.keys(commands).join(', ')}. Run "tableau-connect --help".`);
		}

		if (first === 'setup' && io.stdin.isTTY && io.stdout.isTTY && !rest.some(arg => arg === '--help' || arg === '-h')) {
			// The wizard's screen (Ink, React, the layout engine) is most of its start: it loads while the
			// command reads its flags and checks the store, instead of after.
			void Promise.all([import('ink'), import('../ui/wizard/Wizard.js')]).catch(() => {});
		}

		if (first !== 'test') {
			return await (
				await load()
			)(rest, io);
		}

		// Start the TCP handshake now, so its round trip overlaps loading the verifier.
		const {preconnect, dropPreconnected} = await import('../tableau/preconnect.js');
		preconnect(flagValue(rest, '--server') ?? io.env['TABLEAU_SERVER'], io.env);
		try {
			return await (
				await load()
			)(rest, io);
		} finally {
			dropPreconnected();
		}
	} catch (error) {
		// Ctrl-C at a prompt: one plain line and the shell's code for an interrupted command.
		if (isInterruption(error)) {
			io.stderr.write(`${error instanceof Error && error.name === 'Interrupted' ? error.message : '\nInterrupted: nothing was changed.'}\n`);
			return interruptedExitCode;
		}

		// A bad profile store is the person's to fix (the message says how), like a usage error.
		if (error instanceof UsageError || (error instanceof Error && error.name === 'ProfileStoreError')) {
			io.stderr.write(`${error.message}\n`);
			return 2;
		}

		// Not a user mistake: say so plainly. The stack only on request, and our errors carry no secrets.
		const message = error instanceof Error ? error.message : String(error);
		io.stderr.write(`tableau-connect failed unexpectedly: ${message}\n`);
		if (io.env['TABLEAU_CONNECT_DEBUG'] && error instanceof Error) {
			io.stderr.write(`${error.stack ?? ''}\n`);
		}

		return 1;
	}
}
