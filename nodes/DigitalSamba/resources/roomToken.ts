import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const roomToken: ResourceDescriptor = { value: 'roomToken', name: 'Room Token', operations };
