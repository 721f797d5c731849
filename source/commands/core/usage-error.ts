/**
A mistake in how the command was called: a message that says what to type instead, exit code 2,
never a stack trace.
*/
export class UsageError extends Error {
	override readonly name = 'UsageError';
}
