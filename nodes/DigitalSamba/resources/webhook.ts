import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';

const operations: OperationDescriptor[] = [];

export const webhook: ResourceDescriptor = { value: 'webhook', name: 'Webhook', operations };
