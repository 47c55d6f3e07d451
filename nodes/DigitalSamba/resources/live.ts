import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const live: ResourceDescriptor = { value: 'live', name: 'Live', operations };
