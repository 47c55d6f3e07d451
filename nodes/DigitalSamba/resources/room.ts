import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const room: ResourceDescriptor = { value: 'room', name: 'Room', operations };
