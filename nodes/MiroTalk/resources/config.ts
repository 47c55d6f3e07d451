import type { IDataObject } from 'n8n-workflow';
import { params } from '../../shared/parameters/fields';
import { productOperation, type ProductResource } from '../fields';

export const config: ProductResource = {
	value: 'config',
	name: 'Config',
	description: 'How the broadcast server is set up',
	operations: [
		productOperation({
			resource: 'config', operation: 'get', name: 'Get', action: 'Get the broadcast config',
			products: { bro: {} },
			description: 'Get how the BRO server broadcasts: broadcastingMode (BROADCASTING_MODE) and adminOnlyBroadcast (ADMIN_ONLY_BROADCAST, only admins may broadcast). Needs no API key.',
			...params([]),
			repeatable: true,
			// BRO app/server.js `app.get('/api/v1/config', ...)`: no key check, the config as it is.
			request: () => ({ method: 'GET', path: '/config' }),
			// The answer as it came (BRO answers its config as an object).
			output: (body) => (body ?? {}) as IDataObject,
		}),
	],
};
