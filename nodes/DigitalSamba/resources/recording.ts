import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const recording: ResourceDescriptor = { value: 'recording', name: 'Recording', operations };
