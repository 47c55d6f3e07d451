import type { INodeProperties } from 'n8n-workflow';
import type { ResourceDescriptor } from '../../shared/descriptor';
import { buildProperties } from '../../shared/properties';
import type { ProductResource } from '../fields';
import { PRODUCTS, type EndpointSwitch, type Product } from '../transport';
import { joinLink } from './joinLink';
import { meeting } from './meeting';
import { stats } from './stats';
import { token } from './token';

/** Every MiroTalk resource with the products that offer each operation; the first is the default. */
export const miroTalkProductResources: ProductResource[] = [meeting, joinLink, token, stats];

/** The resources and operations one product's API has, as kernel descriptors. */
export function resourcesFor(product: Product): ResourceDescriptor[] {
	const out: ResourceDescriptor[] = [];
	for (const r of miroTalkProductResources) {
		const operations = r.operations.filter((o) => o.products.includes(product)).map((o) => o.descriptor);
		if (operations.length) out.push({ value: r.value, name: r.name, description: r.description, operations });
	}
	return out;
}

/** The server switch behind an operation of a product, if the server has one. */
export function endpointFor(product: Product, resource: string, operation: string): EndpointSwitch | undefined {
	return miroTalkProductResources
		.find((r) => r.value === resource)
		?.operations.find((o) => o.descriptor.operation === operation && o.products.includes(product))?.endpoint;
}

function withProducts(property: INodeProperties, products: Product[]): INodeProperties {
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, product: products } } };
}

/**
 * The node's parameters: each product's Resource and Operation selectors and operation parameters,
 * shown only for that product. Identical parameters of several products are merged into one
 * (shown for all of them). Selectors come first, then each operation's parameters in their own order,
 * so that every product sees its fields in the order the operation declares them.
 */
export function miroTalkProperties(): INodeProperties[] {
	interface Entry {
		property: INodeProperties;
		products: Product[];
		group: number;
		operation: string;
		position: number;
	}
	const entries = new Map<string, Entry>();
	const operationOrder: string[] = [];
	for (const product of PRODUCTS) {
		const positions = new Map<string, number>();
		for (const property of buildProperties(resourcesFor(product))) {
			const group = property.name === 'resource' ? 0 : property.name === 'operation' ? 1 : 2;
			const show = property.displayOptions?.show ?? {};
			const operation = group === 2 ? `${String(show.resource)}.${String(show.operation)}` : '';
			if (!operationOrder.includes(operation)) operationOrder.push(operation);
			const position = positions.get(operation) ?? 0;
			positions.set(operation, position + 1);
			const key = JSON.stringify(property);
			const entry = entries.get(key);
			if (entry) entry.products.push(product);
			else entries.set(key, { property, products: [product], group, operation, position });
		}
	}
	return [...entries.values()]
		.map((entry, insertion) => ({ entry, insertion }))
		.sort(
			(a, b) =>
				a.entry.group - b.entry.group ||
				operationOrder.indexOf(a.entry.operation) - operationOrder.indexOf(b.entry.operation) ||
				a.entry.position - b.entry.position ||
				a.insertion - b.insertion,
		)
		.map(({ entry }) => withProducts(entry.property, entry.products));
}
