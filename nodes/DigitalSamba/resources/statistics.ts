import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const statistics: ResourceDescriptor = { value: 'statistics', name: 'Statistics', operations };
