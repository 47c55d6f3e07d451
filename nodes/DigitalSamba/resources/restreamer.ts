import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const restreamer: ResourceDescriptor = { value: 'restreamer', name: 'Restreamer', operations };
