import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const phone: ResourceDescriptor = { value: 'phone', name: 'Phone', operations };
