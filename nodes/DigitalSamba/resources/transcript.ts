import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const transcript: ResourceDescriptor = { value: 'transcript', name: 'Transcript', operations };
