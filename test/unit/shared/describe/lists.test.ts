import type { ILoadOptionsFunctions, INodeProperties, INodePropertyMode, INodeType } from 'n8n-workflow';
import { Daily } from '../../../../nodes/Daily/Daily.node';
import { DigitalSamba } from '../../../../nodes/DigitalSamba/DigitalSamba.node';
import { MiroTalk } from '../../../../nodes/MiroTalk/MiroTalk.node';
import { currentId } from '../../../../nodes/shared/describe/lists';

/**
 * The kernel's pickers (nodes/shared/lists.ts): every node's list modes and dropdowns name a method it has, and
 * the parameter a list is narrowed by is read as n8n's editor gives it. Each provider's own pickers are tested in
 * its folder (pickers.test.ts).
 */
const NODES: Array<[string, INodeType]> = [['Daily', new Daily()], ['Digital Samba', new DigitalSamba()], ['MiroTalk', new MiroTalk()]];

/** Every property at any depth of collections. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => [p, ...allProperties(((p.options ?? []) as INodeProperties[]).filter((o) => 'type' in o))]);
}

describe('pickers are wired to the node', () => {
	it.each(NODES)('%s: every list mode names a listSearch method of the node, every dropdown a loadOptions method', (_name, node) => {
		const properties = allProperties(node.description.properties);
		for (const property of properties.filter((p) => p.type === 'resourceLocator')) {
			for (const mode of property.modes as INodePropertyMode[]) {
				const method = mode.typeOptions?.searchListMethod;
				if (mode.type === 'list') expect([property.name, typeof node.methods?.listSearch?.[String(method)]]).toEqual([property.name, 'function']);
			}
			expect(property.default).toEqual({ mode: (property.modes as INodePropertyMode[])[0].name, value: '' });
		}
		for (const property of properties.filter((p) => p.typeOptions?.loadOptionsMethod)) {
			expect([property.name, typeof node.methods?.loadOptions?.[String(property.typeOptions?.loadOptionsMethod)]]).toEqual([property.name, 'function']);
		}
	});
});

describe('the other parameter a list is narrowed by', () => {
	/** As n8n's LoadOptionsContext: extraction finds only a parameter the operation shows (here: none). */
	const ctx = (parameters: Record<string, unknown>) =>
		({
			getCurrentNodeParameter: (name: string, options?: { extractValue?: boolean }) => {
				if (options?.extractValue) throw new Error('Could not find property');
				return parameters[name];
			},
		}) as unknown as ILoadOptionsFunctions;

	it.each([
		['absent', {}, ''],
		['picked from the list', { roomId: { __rl: true, mode: 'list', value: 'r-1' } }, 'r-1'],
		['typed', { roomId: { __rl: true, mode: 'id', value: ' r-1 ' } }, 'r-1'],
		['plain text', { roomId: 'r-1' }, 'r-1'],
	])('is read without n8n\'s extraction when %s (a session picker shows no room)', (_case, parameters, id) => {
		expect(currentId(ctx(parameters), 'roomId')).toBe(id);
	});
});
