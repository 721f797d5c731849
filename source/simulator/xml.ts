/** A small element tree: enough for Tableau's bodies without a serializer dependency. */
export type XmlElement = {
	name: string;
	attributes?: Record<string, string>;
	text?: string;
	children?: XmlElement[];
};

const escapes: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'};

export function escapeXml(value: string): string {
	return value.replace(/[&<>"']/g, character => escapes[character] ?? character);
}

export function renderElement(element: XmlElement): string {
	const attributes = Object.entries(element.attributes ?? {})
		.map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
		.join('');
	const inner = (element.text === undefined ? '' : escapeXml(element.text)) + (element.children ?? []).map(child => renderElement(child)).join('');
	return inner === '' ? `<${element.name}${attributes}/>` : `<${element.name}${attributes}>${inner}</${element.name}>`;
}

/** The envelope every Tableau answer uses; the schema location names the version that answered. */
export function renderTsResponse(namespace: string, restApiVersion: string, children: XmlElement[]): string {
	const schema = `https://help.tableau.com/samples/en-us/rest_api/ts-api_${restApiVersion.replace('.', '_')}.xsd`;
	const root = renderElement({
		name: 'tsResponse',
		attributes: {
			xmlns: namespace,
			'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
			'xsi:schemaLocation': `${namespace} ${schema}`,
		},
		children,
	});
	return `<?xml version='1.0' encoding='UTF-8'?>${root}`;
}
