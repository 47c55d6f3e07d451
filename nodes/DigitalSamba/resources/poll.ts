import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const poll: ResourceDescriptor = { value: 'poll', name: 'Poll', operations };
