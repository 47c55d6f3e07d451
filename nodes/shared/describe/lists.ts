import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { declaredRequest, type HttpResult, type Pagination, type RequestSpec, type ResourceDescriptor } from '../model/descriptor';
import { send } from '../http/send';
import { isLocatorValue, locatorValue } from '../parameters/locator';
import { fetchPage, itemsOf, type Page } from '../http/paginate';
import { findOperation } from './properties';
import type { ProviderTransport } from '../model/provider';

/*
 * The lists the editor shows: a picker's entries (n8n's listSearch methods, for the resource locators of parameters/locator.ts)
 * and a dropdown's options (loadOptions methods), each from one of the node's own list calls.
 */

/** A list call without paging (paging is added), and how it pages: no pagination for a list the API answers whole. */
export interface ListCall {
	request: RequestSpec;
	pagination?: Pagination;
}

/** Where a picker's entries come from: a list call of the provider, one page per scroll. */
export interface ListSource {
	/** The call; may read the node's other parameters (the chosen room). */
	call(ctx: ILoadOptionsFunctions): ListCall | Promise<ListCall>;
	/** Where the entries are in an answer without pagination; the answer itself when it is an array. */
	itemsPath?: string;
	/** The entries an answer's entry stands for, where they are nested (the answers of a question); default: itself. */
	expand?(entry: IDataObject, ctx: ILoadOptionsFunctions): IDataObject[];
	/** One row of the picker: what the user reads, the identifier the node uses, and the provider's page of it. */
	row(entry: IDataObject, credentials: IDataObject): INodeListSearchItems;
}

/** With a search typed, pages fetched at most per scroll looking for a match (none of the APIs searches by itself). */
const SEARCH_PAGES = 10;

/** A listSearch method of a node: the provider's list, filtered locally by the text typed (name or identifier). */
export function listSearch(transport: ProviderTransport, source: ListSource) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const credentials = await this.getCredentials(transport.credentialType);
		const { request: spec, pagination } = await source.call(this);
		const needle = filter?.trim().toLowerCase() ?? '';
		const results: INodeListSearchItems[] = [];
		let token = paginationToken;
		for (let pages = 0; pages < (needle ? SEARCH_PAGES : 1); pages++) {
			const page = await pageOf(async (s) => await send(this, transport, credentials, s), spec, { pagination, itemsPath: source.itemsPath }, token);
			for (const entry of source.expand ? page.entries.flatMap((e) => source.expand!(e, this)) : page.entries) {
				const row = source.row(entry, credentials);
				if (!needle || row.name.toLowerCase().includes(needle) || String(row.value).toLowerCase().includes(needle)) results.push(row);
			}
			token = page.next;
			if (token === undefined || results.length) break;
		}
		return { results, ...(token !== undefined ? { paginationToken: token } : {}) };
	};
}

/** A page of a source: through its pagination, or its whole answer when it has none. */
async function pageOf(call: (spec: RequestSpec) => Promise<HttpResult>, spec: RequestSpec, source: { pagination?: Pagination; itemsPath?: string }, token?: string): Promise<Page> {
	if (source.pagination) return await fetchPage(call, spec, source.pagination, token);
	const { body } = await call(spec);
	return { entries: itemsOf(body, source.itemsPath) };
}

/**
 * The call and paging of one of the node's list operations, for a picker or a dropdown: the same as the user's own
 * list. `params` gives the parameters the list needs (the room of a poll list). The resources are loaded on the first
 * call (`load`): n8n loads every node when it starts, and the resource files' schemas are most of a node's load time.
 */
export function listCall(
	load: () => Promise<ResourceDescriptor[]>,
	resource: string,
	operation = 'getAll',
	params: (ctx: ILoadOptionsFunctions) => IDataObject = () => ({}),
): Pick<ListSource, 'call'> {
	return {
		async call(ctx) {
			const op = findOperation(await load(), resource, operation);
			if (!op?.request) throw new Error(`No ${resource} ${operation} request to list with`);
			return { request: declaredRequest(op, op.request(params(ctx))), pagination: op.paginate };
		},
	};
}

/** A row's label from the parts an entry has: "standup · 2026-12-01 10:00 · finished". */
export function rowLabel(...parts: unknown[]): string {
	return parts.filter((p) => typeof p === 'string' && p !== '').join(' · ');
}

/** The identifier another parameter of the node holds (the room a session list is narrowed to); '' when unset. */
export function currentId(ctx: ILoadOptionsFunctions, name: string): string {
	// n8n extracts a value only for a parameter the operation shows ("Could not find property" otherwise: a session
	// picker, shown without a room, failed in n8n whenever it asked): only a URL needs n8n's extraction.
	const raw = ctx.getCurrentNodeParameter(name) as unknown;
	const url = isLocatorValue(raw) && raw.mode === 'url';
	const value = locatorValue(url ? ctx.getCurrentNodeParameter(name, { extractValue: true }) : raw, { typed: 'id' });
	return typeof value === 'string' ? value.trim() : '';
}

/** The identifier another parameter holds, which a list lives under (the room of a poll); a clear error when unset. */
export function chosenId(ctx: ILoadOptionsFunctions, name: string, what: string): string {
	const id = currentId(ctx, name);
	if (!id) throw new NodeOperationError(ctx.getNode(), `Choose the ${what} first: the list shows what is in it`);
	return id;
}

/** Entries read at most for one dropdown (10 pages of 100). */
const OPTION_PAGES = 10;

/** A loadOptions method of a node: every entry of a provider list as a dropdown option, sorted by name. */
export function loadOptions(
	transport: ProviderTransport,
	source: Omit<ListSource, 'row'> & { option(entry: IDataObject): INodePropertyOptions },
) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const credentials = await this.getCredentials(transport.credentialType);
		const { request: spec, pagination } = await source.call(this);
		const call = async (s: RequestSpec) => await send(this, transport, credentials, s);
		const entries: IDataObject[] = [];
		let token: string | undefined;
		for (let pages = 0; pages < OPTION_PAGES; pages++) {
			const page = await pageOf(call, spec, { pagination, itemsPath: source.itemsPath }, token);
			entries.push(...page.entries);
			if ((token = page.next) === undefined) break;
		}
		return entries.map((e) => source.option(e)).sort((a, b) => a.name.localeCompare(b.name));
	};
}
