import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const quiz: ResourceDescriptor = { value: 'quiz', name: 'Quiz', operations };
