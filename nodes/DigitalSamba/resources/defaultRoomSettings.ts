import type { IDataObject } from 'n8n-workflow';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { defined, params } from '../../shared/parameters/fields';
import { defaultRoomSettingFields, nonEmpty } from '../roomSettings';

const operations: OperationDescriptor[] = [
	operation({
		resource: 'defaultRoomSettings', operation: 'get', name: 'Get', action: 'Get the default room settings',
		description: 'Get the team\'s default room settings, which new rooms start from, and the team domain',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/' }),
	}),
	operation({
		resource: 'defaultRoomSettings', operation: 'update', name: 'Update', action: 'Update the default room settings',
		description: 'Change the team\'s default room settings, domain or favicon; returns the settings after the change',
		...params([], [nonEmpty(defaultRoomSettingFields())]),
		repeatable: true,
		request: (p: { settings: IDataObject }) => ({ method: 'PATCH', path: '/', body: defined(p.settings) }),
	}),
];

export const defaultRoomSettings: ResourceDescriptor = { value: 'defaultRoomSettings', name: 'Default Room Setting', operations };
