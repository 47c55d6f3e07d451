import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const chat: ResourceDescriptor = { value: 'chat', name: 'Chat', operations };
