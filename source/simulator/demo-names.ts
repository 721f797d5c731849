/**
The addresses the demo shows and types, from a customer's world rather than this machine's: a
company's Tableau Server, Tableau Cloud's front door and one of its pods, and a site. They exist
nowhere: the demo routes them to its embedded simulator (see `demoRoute`), inside its own process.
*/
export const demoNames = {
	/** The company's Tableau Server, and the simulator's own address in the demo. */
	server: 'tableau.example-corp.com',
	/** Tableau Cloud without a pod, as people often type it first. */
	cloud: 'online.tableau.com',
	/** The pod the Cloud scenarios redirect to. */
	pod: '10ay.online.tableau.com',
	site: 'acme-corp',
	siteName: 'Acme Corp',
} as const;

const routed = new Set<string>([demoNames.server, demoNames.cloud, demoNames.pod]);

/**
The demo's transport route: its names, on any port, lead to the simulator listening at `port` on
this machine; every other host is connected to as usual.
*/
export function demoRoute(port: number): (host: string) => {host: string; port: number} | null {
	return host => (routed.has(host.toLowerCase()) ? {host: '127.0.0.1', port} : null);
}
