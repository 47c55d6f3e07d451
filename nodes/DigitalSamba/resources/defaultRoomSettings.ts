import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const defaultRoomSettings: ResourceDescriptor = { value: 'defaultRoomSettings', name: 'Default Room Settings', operations };
