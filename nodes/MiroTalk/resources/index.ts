import type { INodeProperties } from 'n8n-workflow';
import type { ResourceDescriptor } from '../../shared/model/descriptor';
import { operationParameters, operationSelector, resourceSelector, shownFor } from '../../shared/describe/properties';
import type { ProductResource } from '../fields';
import { PRODUCTS, type EndpointSwitch, type Product } from '../transport';
import { config } from './config';
import { joinLink } from './joinLink';
import { meeting } from './meeting';
import { stats } from './stats';
import { token } from './token';

/** Every MiroTalk resource with the products that offer each operation; the first is the default. */
export const miroTalkProductResources: ProductResource[] = [meeting, joinLink, token, stats, config];

/** A resource as one product's API has it: the operations declared for that product, as kernel descriptors. */
function resourceOf(r: ProductResource, product: Product): ResourceDescriptor {
	const operations = r.operations.filter((o) => o.products.includes(product)).map((o) => o.descriptor);
	return { value: r.value, name: r.name, description: r.description, operations };
}

/** The resources and operations one product's API has, as kernel descriptors. */
export function resourcesFor(product: Product): ResourceDescriptor[] {
	return miroTalkProductResources.map((r) => resourceOf(r, product)).filter((r) => r.operations.length > 0);
}

/** The server switch behind an operation of a product, if the server has one. */
export function endpointFor(product: Product, resource: string, operation: string): EndpointSwitch | undefined {
	return miroTalkProductResources
		.find((r) => r.value === resource)
		?.operations.find((o) => o.descriptor.operation === operation && o.products.includes(product))?.endpoint;
}

/** A parameter shown only for these products. */
function forProducts(property: INodeProperties, products: Product[]): INodeProperties {
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, product: products } } };
}

/**
 * The products (in the node's order) grouped by what they offer: products whose `offer` lists the same
 * declarations share one selector. Products that offer nothing are left out.
 */
function alike<T>(offer: (product: Product) => T[]): Product[][] {
	const groups: Array<{ offered: T[]; products: Product[] }> = [];
	for (const product of PRODUCTS) {
		const offered = offer(product);
		if (!offered.length) continue;
		const group = groups.find((g) => g.offered.length === offered.length && g.offered.every((o, i) => o === offered[i]));
		if (group) group.products.push(product);
		else groups.push({ offered, products: [product] });
	}
	return groups.map((g) => g.products);
}

/**
 * One operation's parameters, for every product that has the operation. Each declaration (a ProductOperation)
 * names its products, so a descriptor declared for several products has its parameters once, shown for all of
 * them (Meeting → Get Many for SFU and P2P); a parameter object several declarations include is likewise one
 * parameter for the products of all of them (the room and token of SFU's and P2P's Join Link → Create). n8n shows
 * one product's parameters at a time; they are listed by position across the declarations: every declaration's
 * first parameter, then every second, and so on.
 */
function parametersOf(resource: ProductResource, operation: string): INodeProperties[] {
	const declarations = resource.operations.filter((o) => o.descriptor.operation === operation);
	const lists = declarations.map((d) => operationParameters(d.descriptor));
	const shownTo = new Map<INodeProperties, Set<Product>>();
	for (let position = 0; position < Math.max(...lists.map((list) => list.length)); position++) {
		lists.forEach((list, i) => {
			const property = list[position];
			if (property) shownTo.set(property, new Set([...(shownTo.get(property) ?? []), ...declarations[i].products]));
		});
	}
	return [...shownTo].map(([property, products]) =>
		forProducts(shownFor(resource.value, operation, property), PRODUCTS.filter((p) => products.has(p))),
	);
}

/** The Product selector, first of the node's parameters: the products sorted by label, SFU the default. */
export function productSelector(): INodeProperties {
	return {
		displayName: 'Product',
		name: 'product',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'MiroTalk BRO (Broadcast)', value: 'bro', description: 'Live broadcasting: join links only' },
			{ name: 'MiroTalk C2C (Cam to Cam)', value: 'c2c', description: 'One-to-one calls: create meeting and join link' },
			{ name: 'MiroTalk P2P (Peer to Peer)', value: 'p2p', description: 'Meetings, join links, tokens and stats' },
			{ name: 'MiroTalk SFU (Selective Forwarding Unit)', value: 'sfu', description: 'Meetings (also end), join links, tokens and stats' },
		],
		default: 'sfu',
		description: 'The MiroTalk product the server runs; it decides which operations exist and must match the credential',
	};
}

/**
 * The node's whole parameter list (written out as a literal in MiroTalk.description.ts by `npm run descriptions`):
 * the Product selector, then each product's own Resource and Operation selectors and operation
 * parameters, shown only for that product, with what products share declared once:
 * - one Resource selector per set of resources (SFU and P2P offer the same four and share theirs);
 * - per resource, one Operation selector per set of its operations (SFU and P2P share Statistic's and Token's);
 * - each operation's parameters as its declarations give them (see parametersOf).
 * Selectors come first, then the parameters resource by resource and operation by operation, as the kernel lists them.
 */
export function buildMiroTalkProperties(): INodeProperties[] {
	const resources = [...miroTalkProductResources].sort((a, b) => a.name.localeCompare(b.name));
	const offers = (r: ProductResource, product: Product) => r.operations.some((o) => o.products.includes(product));
	return [
		productSelector(),
		...alike((product) => miroTalkProductResources.filter((r) => offers(r, product))).map((products) =>
			forProducts(resourceSelector(resourcesFor(products[0])), products),
		),
		...resources.flatMap((r) =>
			alike((product) => r.operations.filter((o) => o.products.includes(product))).map((products) =>
				forProducts(operationSelector(resourceOf(r, products[0])), products),
			),
		),
		...resources.flatMap((r) => [...new Set(r.operations.map((o) => o.descriptor.operation))].flatMap((operation) => parametersOf(r, operation))),
	];
}
