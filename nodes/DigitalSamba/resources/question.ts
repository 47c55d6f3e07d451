import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const question: ResourceDescriptor = { value: 'question', name: 'Q&A', operations };
