import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** The output fields that hold links the server built from the Host header it was reached by. */
const LINK_FIELDS = ['meeting', 'join', 'broadcast', 'viewer', 'viewerHome'];

/** A Public URL as typed, without trailing slashes; empty when not set. */
export function publicRoot(value: unknown): string {
	return String(value ?? '').trim().replace(/\/+$/, '');
}

/**
 * A link with its scheme, host and port replaced by the Public URL (a path in it is kept in front of the link's
 * own). SFU always writes https:// and the others http:// only for "localhost", from the Host header: a server that
 * n8n reaches by an internal name hands out links nobody else can open.
 */
export function rewriteLink(link: unknown, root: string): unknown {
	if (!root || typeof link !== 'string') return link;
	try {
		const url = new URL(link);
		return `${root}${url.pathname === '/' && !url.search && !url.hash ? '' : url.pathname}${url.search}${url.hash}`;
	} catch {
		return link;
	}
}

/** The items with every link field rewritten to the Public URL; error items and other fields as they are. */
export function withPublicUrl(items: INodeExecutionData[], root: string): INodeExecutionData[] {
	if (!root) return items;
	return items.map((item) => {
		const json: IDataObject = { ...item.json };
		for (const field of LINK_FIELDS) if (field in json) json[field] = rewriteLink(json[field], root) as IDataObject[string];
		return { ...item, json };
	});
}
