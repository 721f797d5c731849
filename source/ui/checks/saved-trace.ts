/** What a failure screen says once the key has saved the test's trace: where it is, and what to do with it. */
export function savedTraceText(path: string): string {
	return `Saved a trace of this test to ${path}. It holds no secret; send it to your support contact.`;
}
