// undici ships types for its public entry only; these internal modules are typed in undici.ts.
declare module 'undici/lib/dispatcher/agent.js' {
	const value: unknown;
	export default value;
}

declare module 'undici/lib/dispatcher/proxy-agent.js' {
	const value: unknown;
	export default value;
}

declare module 'undici/lib/core/connect.js' {
	const value: unknown;
	export default value;
}

declare module 'undici/lib/dispatcher/dispatcher.js' {
	const value: unknown;
	export default value;
}

declare module 'undici/lib/api/index.js' {
	const value: unknown;
	export default value;
}
