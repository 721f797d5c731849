import {generate} from 'selfsigned';

export type CertificateKind = 'localhost' | 'wrong-host' | 'expired';

export type CertificatePair = {key: string; cert: string};

const day = 24 * 60 * 60 * 1000;

// Each certificate is its own CA so that a client can trust exactly it with `ca: [pem]`; that
// needs cA:true and keyCertSign, or Node rejects it as an issuer.
const caExtensions = [
	{name: 'basicConstraints', cA: true, critical: true},
	{name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true},
	{name: 'extKeyUsage', serverAuth: true},
] as const;

function localNames(extraNames: readonly string[]) {
	return {
		name: 'subjectAltName' as const,
		altNames: [{type: 7 as const, ip: '127.0.0.1'}, {type: 2 as const, value: 'localhost'}, ...extraNames.map(value => ({type: 2 as const, value}))],
	};
}

async function create(kind: CertificateKind, extraNames: readonly string[]): Promise<CertificatePair> {
	const now = Date.now();
	const host = kind === 'wrong-host' ? 'tableau.example.com' : 'localhost';
	const altNames = kind === 'wrong-host' ? {name: 'subjectAltName' as const, altNames: [{type: 2 as const, value: host}]} : localNames(extraNames);
	// A day of slack before now keeps a clock that is slightly behind from calling it not yet valid.
	const [notBeforeDate, notAfterDate] =
		kind === 'expired' ? [new Date(now - 730 * day), new Date(now - 365 * day)] : [new Date(now - day), new Date(now + 365 * day)];
	const pems = await generate(
		[
			{name: 'commonName', value: host},
			{name: 'organizationName', value: 'tableau-connect simulator'},
		],
		{keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate, notAfterDate, extensions: [...caExtensions, altNames]},
	);
	return {key: pems.private, cert: pems.cert};
}

const cache = new Map<string, Promise<CertificatePair>>();

/**
Generated once per process: even EC keys cost time a test suite would pay over and over.
`extraNames`: the host names the simulator also answers as (the demo's), valid on every certificate
except the one about a wrong host.
*/
export async function certificateFor(kind: CertificateKind, extraNames: readonly string[] = []): Promise<CertificatePair> {
	const key = [kind, ...extraNames].join(' ');
	let pending = cache.get(key);
	if (!pending) {
		pending = create(kind, extraNames);
		cache.set(key, pending);
		// A failure must not stick: the next start tries again.
		pending.catch(() => cache.delete(key));
	}

	return pending;
}
