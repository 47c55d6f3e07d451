import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const summary: ResourceDescriptor = { value: 'summary', name: 'Summary', operations };
