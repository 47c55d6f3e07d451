import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const role: ResourceDescriptor = { value: 'role', name: 'Role and Permission', operations };
