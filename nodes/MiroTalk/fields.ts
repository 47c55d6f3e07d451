import { operation, type OperationContext, type OperationDescriptor, type OperationResult } from '../shared/model/descriptor';
import { field, type FieldSpec, type RequiredField } from '../shared/parameters/fields';
import type { PublicLink } from './links';
import type { EndpointSwitch, Product } from './transport';

/**
 * A duration MiroTalk's web clients honour for a direct join: `unlimited`, or HH:MM:SS with two-digit hours. Both
 * clients read it with `^(\d{2}):(\d{2}):(\d{2})$` (mirotalksfu public/js/Room.js; mirotalk's client the same) and
 * treat anything else, three-digit hours included, as unlimited: refused here, so a link never lasts longer than asked.
 */
export const DURATION_PATTERN = {
	regex: /^(unlimited|\d{2}:[0-5]\d:[0-5]\d)$/,
	message: 'must be unlimited or HH:MM:SS with two-digit hours (00:30:00 to 99:59:59)',
};

/**
 * A token lifetime as jsonwebtoken's `expiresIn` reads a text: a number and a unit (1h, 30m, 7d).
 * A bare number would be read as milliseconds, so a unit is required.
 */
export const EXPIRY_PATTERN = {
	regex: /^\d+(\.\d+)?\s*(ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|yrs?|years?)$/i,
	message: 'must be a number and a unit, such as 1h, 30m or 7d',
};

/**
 * What one product's variant of an operation has: any field of the kernel's descriptor, the server switch that can
 * turn its endpoint off (disabled-endpoint errors name it), and an output or code of its own (`run`, several calls)
 * that also gets the PublicLink, to put each link the server built on the credential's Public URL.
 */
export type Variant<P = Record<string, unknown>> = Partial<Omit<OperationDescriptor<P>, 'output' | 'run'>> & {
	endpoint?: EndpointSwitch;
	output?: (body: unknown, params: P, publicLink: PublicLink) => OperationResult;
	run?: (ctx: OperationContext, params: P, publicLink: PublicLink) => Promise<OperationResult>;
};

/**
 * One MiroTalk operation, declared once: what its variants share, and `products`, each product whose API has it with
 * what its variant has of its own over the shared fields ({} when nothing differs). variantOf expands it into the
 * descriptor the kernel runs for one product.
 */
export type ProductOperation<P = Record<string, unknown>> = Variant<P> &
	Pick<OperationDescriptor, 'resource' | 'operation' | 'name' | 'action' | 'repeatable'> & {
		products: Partial<Record<Product, Variant>>;
	};

/** Declares an operation, the shared request and output typed from the shared schema, as the kernel's operation() types them. */
export function productOperation<P>(declaration: ProductOperation<P>): ProductOperation {
	return declaration as unknown as ProductOperation;
}

/** A product's variant with parameters of its own, its request and output typed from its own schema. */
export function variant<P>(own: Variant<P>): Variant {
	return own as unknown as Variant;
}

/** The declaration as one product has it: the shared fields with the product's own over them. */
export function variantFields(declaration: ProductOperation, product: Product): Variant {
	const { products, ...shared } = declaration;
	return { ...shared, ...products[product] };
}

/** The descriptor the kernel runs for one product, built by the kernel's operation(); `publicLink` goes to its output. */
export function variantOf(declaration: ProductOperation, product: Product, publicLink: PublicLink): OperationDescriptor {
	const { output, run, ...descriptor } = variantFields(declaration, product);
	// The server switch is the transport's (endpointFor), not the kernel's.
	delete descriptor.endpoint;
	// A variant with an output is a call (only calls declare one), one with run code of its own.
	const withOutput = output ? { ...descriptor, output: (body: unknown, params: Record<string, unknown>) => output(body, params, publicLink) } : descriptor;
	const withRun = run ? { ...withOutput, run: async (ctx: OperationContext, params: Record<string, unknown>) => await run(ctx, params, publicLink) } : withOutput;
	return operation(withRun as OperationDescriptor);
}

export interface ProductResource {
	value: string;
	name: string;
	description: string;
	operations: ProductOperation[];
}

export function roomField(required: true, description: string): RequiredField<'room', 'string'>;
export function roomField(required: false, description: string): FieldSpec<'room', 'string'>;
export function roomField(required: boolean, description: string): FieldSpec<'room', 'string'> {
	return {
		displayName: 'Room',
		name: 'room',
		type: 'string',
		default: '',
		required,
		description,
		placeholder: 'e.g. weekly-standup',
	};
}

/**
 * What an empty expiry means: the server's own default, `expire || JWT_EXP` in ServerApi.getToken, set from
 * JWT_EXPIRATION on SFU (config.security.jwt.exp) and JWT_EXP on P2P.
 */
export const TOKEN_EXPIRY_DEFAULT = "the server's default when empty (JWT_EXPIRATION on MiroTalk SFU, JWT_EXP on MiroTalk P2P; 1h unless the administrator changed it)";

export const expiryField = (description: string): FieldSpec<'expire', 'string'> => ({
	displayName: 'Expires In',
	name: 'expire',
	type: 'string',
	default: '',
	description,
	pattern: EXPIRY_PATTERN,
	placeholder: 'e.g. 1h',
});

/** The token fields shared by Token → Create and the token of a join link. */
export const TOKEN_FIELDS = [
	field({ displayName: 'Username', name: 'username', type: 'string', default: '', description: 'The username the token carries; the server checks it against HOST_USERS when host protection or user auth is on' }),
	field({ displayName: 'Password', name: 'password', type: 'string', default: '', typeOptions: { password: true }, description: 'The password of that user' }),
	field({ displayName: 'Presenter', name: 'presenter', type: 'boolean', default: false, description: 'Whether the holder joins as a room presenter (moderator rights)' }),
];
