import type {CommandIo} from './io.js';
import {UsageError} from './usage-error.js';

export async function runSetupCommand(_argv: string[], _io: CommandIo): Promise<number> {
	throw new UsageError('This command is not available yet.');
}
