import type { OperationDescriptor } from '../shared/model/descriptor';
import { field, type FieldSpec, type RequiredField } from '../shared/parameters/fields';
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

/** An operation and the products whose API has it. */
export interface ProductOperation {
	products: Product[];
	/** The server switch that can turn the endpoint off (disabled-endpoint errors name it). */
	endpoint?: EndpointSwitch;
	descriptor: OperationDescriptor;
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
