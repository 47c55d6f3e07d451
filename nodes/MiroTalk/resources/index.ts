import type { INodeProperties } from 'n8n-workflow';
import type { ResourceDescriptor } from '../../shared/model/descriptor';
import { buildVariantProperties } from '../../shared/describe/properties';
import { variantFields, variantOf, type ProductResource } from '../fields';
import { publicLink } from '../links';
import { PRODUCTS, type EndpointSwitch, type Product } from '../transport';
import { config } from './config';
import { joinLink } from './joinLink';
import { meeting } from './meeting';
import { scheduledMeeting } from './scheduledMeeting';
import { stats } from './stats';
import { token } from './token';

/** Every MiroTalk resource, each operation declared once with the products that have it; the first is the default. */
export const miroTalkProductResources: ProductResource[] = [meeting, joinLink, token, stats, config, scheduledMeeting];

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

/** The Product selector, first of the node's parameters: the products sorted by label, SFU the default. */
export function productSelector(): INodeProperties {
	return {
		displayName: 'Product',
		name: 'product',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'MiroTalk BRO (Broadcast)', value: 'bro', description: 'Live broadcasting: join links only' },
			{ name: 'MiroTalk C2C (Cam to Cam)', value: 'c2c', description: 'One-to-one calls: create meeting, join link and scheduled meeting' },
			{ name: 'MiroTalk P2P (Peer to Peer)', value: 'p2p', description: 'Meetings, join links, scheduled meetings, tokens and stats' },
			{ name: 'MiroTalk SFU (Selective Forwarding Unit)', value: 'sfu', description: 'Meetings (also end), join links, scheduled meetings, tokens and stats' },
		],
		default: 'sfu',
		description: 'The MiroTalk product the server runs; it decides which operations exist and must match the credential',
	};
}

/**
 * The node's whole parameter list (written out as a literal in MiroTalk.description.ts by `npm run descriptions`):
 * the Product selector, then each product's resources merged by the kernel (buildVariantProperties), products in the
 * node's order (PRODUCTS). Listed once for several products: SFU's and P2P's Resource selector, Statistic's and
 * Token's Operation selectors, every parameter of an operation declared the same for several products (Meeting →
 * Get Many), the room and token of SFU's and P2P's Join Link → Create.
 */
export function buildMiroTalkProperties(): INodeProperties[] {
	return buildVariantProperties(productSelector(), PRODUCTS.map((product) => ({ value: product, resources: resourcesFor(product) })));
}
