import { digitalSambaResources } from '../../../nodes/DigitalSamba/resources';
import { declaredRequest, type RequestSpec } from '../../../nodes/shared/model/descriptor';
import { parametersOf, PLACEHOLDER_ID } from '../../helpers/placeholders';
import { recordingContext } from '../../helpers/recordingContext';
import { loadSpec } from '../../simulators/digitalSamba/spec';

/**
 * Every operation of Digital Samba's OpenAPI spec is reachable from the node: each descriptor is run with every
 * parameter filled (test/helpers/placeholders.ts), its calls are recorded, and every (method, path) of the spec
 * must be among them.
 */
const ID = PLACEHOLDER_ID;

async function recordedCalls(): Promise<Set<string>> {
	const calls = new Set<string>();
	const record = (spec: RequestSpec) => calls.add(`${spec.method} ${spec.path.split('?')[0].replace(new RegExp(`/${ID}(?=/|$)`, 'g'), '/{}')}`);
	const ctx = recordingContext(
		{ developerKey: 'k', teamId: '00000000-0000-4000-8000-000000000000' },
		{ status: 'DONE', link: 'https://x.example.com/f', external_storage_url: 'https://x.example.com/u', token: 't', id: ID },
		record,
	);
	for (const resource of digitalSambaResources) {
		for (const op of resource.operations) {
			try {
				const params = parametersOf(op);
				if (op.request) record(declaredRequest(op, op.request(params as never)));
				else if (op.run) await op.run(ctx, params as never);
			} catch {
				// A placeholder a descriptor cannot use; its calls made so far are recorded.
			}
		}
	}
	return calls;
}

it('reaches every operation of the spec', async () => {
	const spec = loadSpec();
	const calls = await recordedCalls();
	const operations = spec.operations.map((op: { method: string; path: string }) => {
		const path = op.path.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, '{}') || '/';
		return `${op.method.toUpperCase()} ${path}`;
	});
	expect(operations).toHaveLength(142);
	expect(operations.filter((op: string) => !calls.has(op))).toEqual([]);
});
