// The parts of undici the transport uses, imported one by one. `import … from 'undici'` pulls in
// all of it (fetch, WebSocket, caches, mocks: half a megabyte), and its cookie module touches
// globalThis.Headers, which loads Node's own copy of undici as well. Measured: 27 ms and 6.7 MiB
// less at start-up. The paths are undici 7's; the lockfile pins the version.
import type {Agent as AgentType, Dispatcher, ProxyAgent as ProxyAgentType, buildConnector as buildConnectorType} from 'undici';

export type Connector = buildConnectorType.connector;
import AgentClass from 'undici/lib/dispatcher/agent.js';
import ProxyAgentClass from 'undici/lib/dispatcher/proxy-agent.js';
import buildConnectorFunction from 'undici/lib/core/connect.js';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';

export const Agent = AgentClass as unknown as typeof AgentType;
export const ProxyAgent = ProxyAgentClass as unknown as typeof ProxyAgentType;
export const buildConnector = buildConnectorFunction as unknown as typeof buildConnectorType;
export type {Dispatcher};

// What undici's own entry does: request, connect (which ProxyAgent's tunnel uses) and the rest
// become methods of every dispatcher.
Object.assign((DispatcherClass as {prototype: object}).prototype, api);

/** `dispatcher.request(options)`. */
export async function request(dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
	return dispatcher.request(options);
}
