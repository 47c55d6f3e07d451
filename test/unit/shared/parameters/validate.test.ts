import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { collection, params } from '../../../../nodes/shared/parameters/fields';
import { rowsProperty } from '../../../../nodes/shared/parameters/structured';
import { fieldLabel, validateParameters } from '../../../../nodes/shared/parameters/validate';

const node: INode = { id: 'n1', name: 'Daily', type: 'n8n-nodes-video-conferencing.daily', typeVersion: 1, position: [0, 0], parameters: {} };

const { properties, schema } = params(
	[
		{ displayName: 'Room Name', name: 'roomName', type: 'string', default: '', required: true, description: 'Room' },
		{ displayName: 'Privacy', name: 'privacy', type: 'options', default: 'public', required: true, description: 'Who may join', options: [['public', 'Public'], ['private', 'Private']] },
		{ displayName: 'Max Participants', name: 'max', type: 'number', default: 0, description: 'Cap', integer: true, min: 1 },
	],
	[collection('properties', 'Room Properties', [{ displayName: 'Expires At', name: 'exp', type: 'number', default: 0, description: 'Expiry', min: 0 }])],
);

function failure(raw: unknown, itemIndex = 0): NodeOperationError {
	try {
		validateParameters(node, schema, raw, properties, itemIndex);
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('validation passed');
}

describe('fieldLabel', () => {
	it('names a field by its label and its path, through collections', () => {
		expect(fieldLabel(properties, ['privacy'])).toBe('Privacy (privacy)');
		expect(fieldLabel(properties, ['properties', 'exp'])).toBe('Room Properties → Expires At (properties.exp)');
		// An issue of the parameters as a whole (a refinement across fields) has no field to name.
		expect(fieldLabel(properties, [])).toMatch(/\(parameters\)$/);
	});

	it('reaches the fields of a fixedCollection row, with the row index in the path only', () => {
		const rows: INodeProperties[] = [
			rowsProperty({ name: 'questionsUi', displayName: 'Questions', item: 'question', itemDisplayName: 'Question', fields: [{ displayName: 'Text', name: 'text', type: 'string', description: 'Question text' }] }),
		];
		expect(fieldLabel(rows, ['questionsUi', 'question', 1, 'text'])).toBe('Questions → Question → Text (questionsUi.question[1].text)');
		// The rows as read (a list, without the option's name), as a schema checks them.
		expect(fieldLabel(rows, ['questionsUi', 1, 'text'])).toBe('Questions → Text (questionsUi[1].text)');
	});

	it('falls back to the raw name for a field it does not know', () => {
		expect(fieldLabel(properties, ['properties', 'nope'])).toBe('Room Properties → nope (properties.nope)');
		expect(fieldLabel(properties, ['rooms', 0])).toBe('rooms (rooms[0])');
	});
});

describe('validateParameters', () => {
	it('returns what the schema makes of valid parameters', () => {
		expect(validateParameters(node, schema, { roomName: 'standup', privacy: 'private', max: '5' }, properties, 0)).toEqual({ roomName: 'standup', privacy: 'private', max: 5 });
	});

	it('names every bad field in one message, each with its label, path and reason', () => {
		const error = failure({ privacy: 'secret', max: 0, properties: { exp: -1, colour: 'red', size: 2 } }, 3);
		expect(error).toBeInstanceOf(NodeOperationError);
		const lines = [
			'Room Name (roomName): is required',
			"Privacy (privacy): must be one of 'public', 'private'",
			'Max Participants (max): must be at least 1',
			'Room Properties → Expires At (properties.exp): must be at least 0',
			'Room Properties (properties): unknown field(s): colour, size',
		];
		expect(error.message.startsWith('Invalid parameter ')).toBe(true);
		for (const line of lines) expect(error.message).toContain(line);
		expect(error.message.split('; ')).toHaveLength(lines.length);
		expect(error.description!.split('\n').sort()).toEqual([...lines].sort());
		expect(error.context.itemIndex).toBe(3);
	});

	it('says a rule broken twice by one field once', () => {
		const twice = z.object({ url: z.string().url('must be an http(s) URL').regex(/^https?:/, 'must be an http(s) URL') });
		const label: INodeProperties[] = [{ displayName: 'Webhook URL', name: 'url', type: 'string', default: '' }];
		let message = '';
		try {
			validateParameters(node, twice, { url: 'not a url' }, label, 0);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toBe('Invalid parameter Webhook URL (url): must be an http(s) URL');
	});

	it('keeps the reason zod gives for a wrong type of a given value', () => {
		expect(failure({ roomName: 'r', privacy: 'public', max: 'many' }).message).toBe('Invalid parameter Max Participants (max): must be a number');
	});
});
