import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const session: ResourceDescriptor = { value: 'session', name: 'Session', operations };
