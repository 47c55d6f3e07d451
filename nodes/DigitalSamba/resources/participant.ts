import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const participant: ResourceDescriptor = { value: 'participant', name: 'Participant', operations };
