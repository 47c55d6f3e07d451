import type { IDataObject } from 'n8n-workflow';

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

/**
 * What an operation's output does to each link the server built from the Host header it was reached by (meeting,
 * join, broadcast, viewer, viewerHome): puts it on the credential's Public URL, or leaves it as it is when none is set.
 */
export type PublicLink = (link: IDataObject[string]) => IDataObject[string];

/** The PublicLink of a Public URL (as publicRoot gives it; empty: every link as the server gave it). */
export function publicLink(root: string): PublicLink {
	return (link) => rewriteLink(link, root) as IDataObject[string];
}
