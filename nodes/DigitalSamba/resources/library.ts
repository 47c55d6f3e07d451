import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const library: ResourceDescriptor = { value: 'library', name: 'Library', operations };
