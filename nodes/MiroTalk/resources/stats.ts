import type { IDataObject } from 'n8n-workflow';
import { params } from '../../shared/parameters/fields';
import { productOperation, type ProductResource } from '../fields';

/** SFU answers `totalUsers`, P2P `totalPeers`: both become `totalUsers`. */
function normaliseStats(body: unknown): IDataObject {
	const b = (body ?? {}) as IDataObject;
	const users = b.totalUsers ?? b.totalPeers;
	return {
		totalRooms: typeof b.totalRooms === 'number' ? b.totalRooms : Number(b.totalRooms ?? 0),
		totalUsers: typeof users === 'number' ? users : Number(users ?? 0),
		...(b.timestamp !== undefined ? { timestamp: b.timestamp } : {}),
	};
}

export const stats: ProductResource = {
	value: 'stats',
	name: 'Statistic',
	description: 'Server-wide usage figures',
	operations: [
		productOperation({
			resource: 'stats', operation: 'get', name: 'Get', action: 'Get server stats',
			products: { sfu: {}, p2p: {} },
			endpoint: 'stats',
			description: 'Get how many rooms are open (totalRooms) and how many people are in them (totalUsers; P2P calls them peers) right now, with the server timestamp',
			...params([]),
			repeatable: true,
			request: () => ({ method: 'GET', path: '/stats' }),
			output: normaliseStats,
		}),
	],
};
