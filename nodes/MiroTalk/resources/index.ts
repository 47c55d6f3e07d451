import type { INodeProperties } from 'n8n-workflow';
import type { ResourceDescriptor } from '../../shared/model/descriptor';
import { buildProperties } from '../../shared/describe/properties';
import { variantFields, variantOf, type ProductResource } from '../fields';
import { publicLink } from '../links';
import { PRODUCTS, type EndpointSwitch, type Product } from '../transport';
import { config } from './config';
import { joinLink } from './joinLink';
import { meeting } from './meeting';
import { stats } from './stats';
import { token } from './token';

/** Every MiroTalk resource, each operation declared once with the products that have it; the first is the default. */
export const miroTalkProductResources: ProductResource[] = [meeting, joinLink, token, stats, config];

/**
 * The resources and operations one product's API has, as the kernel runs them: each operation's variant for the
 * product, its output putting links on the Public URL `root` (as publicRoot gives it; none by default).
 */
export function resourcesFor(product: Product, root = ''): ResourceDescriptor[] {
	const link = publicLink(root);
	return miroTalkProductResources
		.map((r) => ({
			value: r.value,
			name: r.name,
			description: r.description,
			operations: r.operations.filter((o) => o.products[product]).map((o) => variantOf(o, product, link)),
		}))
		.filter((r) => r.operations.length > 0);
}

/** The server switch behind an operation of a product, if the server has one. */
export function endpointFor(product: Product, resource: string, operation: string): EndpointSwitch | undefined {
	const declaration = miroTalkProductResources.find((r) => r.value === resource)?.operations.find((o) => o.operation === operation && o.products[product]);
	return declaration && variantFields(declaration, product).endpoint;
}

/** A parameter shown only for these products. */
function forProducts(property: INodeProperties, products: Product[]): INodeProperties {
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, product: products } } };
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

/** A parameter of one product's list, and where it goes in the node's: [section, resource, operation, position, product], each by rank. */
interface Placed {
	property: INodeProperties;
	at: number[];
}

/** The resources in the order the kernel lists them (by name: describe/properties.ts byName), the operations in their declared order. */
const resourceRank = (value: string) =>
	[...miroTalkProductResources].sort((a, b) => a.name.localeCompare(b.name)).findIndex((r) => r.value === value);
const operationRank = (resource: string, operation: string) =>
	miroTalkProductResources.find((r) => r.value === resource)?.operations.findIndex((o) => o.operation === operation) ?? -1;

/**
 * One product's parameters as the kernel's buildProperties lists them, each shown for that product only. The kernel
 * lists three sections: the Resource selector, each resource's Operation selector, each operation's parameters.
 */
function placed(product: Product): Placed[] {
	const counts = new Map<string, number>();
	return buildProperties(resourcesFor(product)).map((property) => {
		const { resource, operation } = property.displayOptions?.show ?? {};
		const section = operation ? 2 : resource ? 1 : 0;
		const r = resource ? String(resource[0]) : '';
		const o = operation ? String(operation[0]) : '';
		const key = `${section}:${r}:${o}`;
		const position = counts.get(key) ?? 0;
		counts.set(key, position + 1);
		const at = [section, resourceRank(r), operationRank(r, o), position, PRODUCTS.indexOf(product)];
		return { property: forProducts(property, [product]), at };
	});
}

/** A parameter as the products' lists compare it: all but the products it is shown for. */
const withoutProducts = (property: INodeProperties) => JSON.stringify(forProducts(property, []));

/**
 * The node's whole parameter list (written out as a literal in MiroTalk.description.ts by `npm run descriptions`):
 * the Product selector, then what the kernel's buildProperties makes of each product's resources, merged. A parameter
 * several products have alike is listed once, shown for all of them: SFU's and P2P's Resource selector, Statistic's
 * and Token's Operation selectors, every parameter of an operation declared the same for several products (Meeting →
 * Get Many), the room and token of SFU's and P2P's Join Link → Create. In the kernel's order: the Resource selectors,
 * then the Operation selectors resource by resource, then each operation's parameters, every product's first, then
 * every product's second, and so on; products in the node's order.
 */
export function buildMiroTalkProperties(): INodeProperties[] {
	const all = PRODUCTS.flatMap(placed).sort((a, b) => {
		const i = a.at.findIndex((v, k) => v !== b.at[k]);
		return i < 0 ? 0 : a.at[i] - b.at[i];
	});
	const merged: Array<Placed & { products: Set<Product> }> = [];
	for (const { property, at } of all) {
		const product = PRODUCTS[at[4]];
		const same = merged.find((m) => m.at.slice(0, 3).every((v, k) => v === at[k]) && withoutProducts(m.property) === withoutProducts(property));
		if (same) same.products.add(product);
		else merged.push({ property, at, products: new Set([product]) });
	}
	return [productSelector(), ...merged.map((m) => forProducts(m.property, PRODUCTS.filter((p) => m.products.has(p))))];
}
