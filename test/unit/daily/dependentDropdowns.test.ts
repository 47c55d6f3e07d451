import type { IDataObject, ILoadOptionsFunctions, INode, INodeProperties, INodePropertyMode, INodeType } from 'n8n-workflow';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { MiroTalk } from '../../../nodes/MiroTalk/MiroTalk.node';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';

/**
 * Issue #22: a dropdown or picker whose list depends on another parameter (the participants of the chosen room, the
 * room's streaming endpoints) must reload when that parameter changes, which n8n's editor does only for the
 * parameters named in `typeOptions.loadOptionsDependsOn` (for a resource locator, its `.value`, as n8n's Airtable
 * node does with `base.value`).
 *
 * No table of dependencies is kept here: every loadOptions and listSearch method of the node is run with a context
 * that records which parameters it reads (getCurrentNodeParameter / getNodeParameter), and every property that
 * uses the method, at any depth of collections and rows, must declare each of them.
 * Digital Samba's node is another part of issue #22 (its lists are checked by whoever changes them); adding it to
 * NODES runs the same check.
 */
const NODES: Array<[string, INodeType]> = [['Daily', new Daily()], ['MiroTalk', new MiroTalk()]];

/** Every property at any depth: collection options and fixedCollection rows. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => {
		const options = (p.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>;
		const nested = options.flatMap((o) => ('type' in o ? [o as INodeProperties] : ((o as { values?: INodeProperties[] }).values ?? [])));
		return [p, ...allProperties(nested)];
	});
}

/** The method a property lists its values with: a dropdown's loadOptionsMethod, or a locator's list mode. */
function methodsOf(property: INodeProperties): string[] {
	const own = property.typeOptions?.loadOptionsMethod ? [String(property.typeOptions.loadOptionsMethod)] : [];
	const modes = ((property.modes ?? []) as INodePropertyMode[]).map((m) => m.typeOptions?.searchListMethod).filter((m): m is string => typeof m === 'string');
	return [...own, ...modes];
}

/** A load-options context that records the parameters read and answers every call with an empty list. */
function recordingContext(read: Set<string>): ILoadOptionsFunctions {
	const node: INode = { id: 'n', name: 'Node', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };
	const value = (name: string) => {
		read.add(name);
		return { __rl: true, mode: 'list', value: 'picked' };
	};
	return {
		getNode: () => node,
		getCurrentNodeParameter: (name: string) => value(name),
		getCurrentNodeParameters: () => {
			throw new Error('a list read all parameters at once: its dependencies cannot be found');
		},
		getNodeParameter: (name: string) => value(name),
		getCredentials: async () => ({ apiKey: 'k', baseUrl: 'https://api.example.com/v1', serverUrl: 'https://sfu.example.com', product: 'sfu', developerKey: 'k', teamId: 't' }),
		helpers: {
			httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: {}, body: { data: [], total_count: 0, config: {}, meetings: [] } }),
			httpRequest: async () => ({ statusCode: 200, headers: {}, body: {} }),
		},
	} as unknown as ILoadOptionsFunctions;
}

/** The parameters each list method of a node reads. */
async function readsOf(node: INodeType): Promise<Map<string, string[]>> {
	const methods = { ...(node.methods?.loadOptions ?? {}), ...(node.methods?.listSearch ?? {}) } as Record<string, (this: ILoadOptionsFunctions) => Promise<unknown>>;
	const reads = new Map<string, string[]>();
	for (const [name, method] of Object.entries(methods)) {
		const read = new Set<string>();
		await method.call(recordingContext(read)).catch(() => undefined);
		reads.set(name, [...read]);
	}
	return reads;
}

/** How n8n's editor names a dependency on a parameter: `<name>.value` for a resource locator, else the name. */
function dependencyName(properties: INodeProperties[], name: string): string {
	return properties.some((p) => p.name === name && p.type === 'resourceLocator') ? `${name}.value` : name;
}

afterEach(() => resetRateLimits());

describe('dependent dropdowns reload when what they depend on changes', () => {
	it('finds the dependent lists of the Daily node (the check is not vacuous)', async () => {
		const reads = await readsOf(new Daily());
		expect(reads.get('getParticipants')).toEqual(['roomName']);
		expect(reads.get('getStreamingEndpoints')).toEqual(['roomName']);
		expect(reads.get('searchRooms')).toEqual([]);
	});

	it.each(NODES)('%s: every property using a list that reads another parameter declares loadOptionsDependsOn for it', async (_name, node) => {
		const reads = await readsOf(node);
		const properties = allProperties(node.description.properties);
		const missing: string[] = [];
		let checked = 0;
		for (const property of properties) {
			for (const method of methodsOf(property)) {
				const declared = (property.typeOptions?.loadOptionsDependsOn ?? []) as string[];
				for (const parameter of reads.get(method) ?? []) {
					checked++;
					const wanted = dependencyName(node.description.properties, parameter);
					if (!declared.includes(wanted)) missing.push(`${property.name} (${method}) needs '${wanted}'`);
				}
			}
		}
		expect(missing).toEqual([]);
		if (node instanceof Daily) expect(checked).toBeGreaterThanOrEqual(5);
	});

	it.each(NODES)('%s: every declared dependency names a parameter the list reads (none stale)', async (_name, node) => {
		const reads = await readsOf(node);
		const stale: string[] = [];
		for (const property of allProperties(node.description.properties)) {
			const declared = (property.typeOptions?.loadOptionsDependsOn ?? []) as string[];
			const wanted = methodsOf(property).flatMap((m) => (reads.get(m) ?? []).map((p) => dependencyName(node.description.properties, p)));
			for (const d of declared) if (!wanted.includes(d)) stale.push(`${property.name}: ${d}`);
		}
		expect(stale).toEqual([]);
	});
});

describe('the recording context sees what a list reads', () => {
	it('records a parameter read through getNodeParameter as well', async () => {
		const read = new Set<string>();
		const ctx = recordingContext(read);
		(ctx.getNodeParameter as (name: string) => IDataObject)('libraryId');
		expect([...read]).toEqual(['libraryId']);
	});
});
