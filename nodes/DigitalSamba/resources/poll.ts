import { z } from 'zod';
import { jsonFromText, lineItems } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, pathSegment, field, params } from '../../shared/parameters/fields';
import { exportCall, importCsv, templateCall } from '../common';
import { exportParams, importParams, listOptions, pickedUnder, roomField, roomUuid, sessionField, sessionFilter } from '../fields';
import { roomByUuid } from '../roomUuid';
import { dsOffset } from '../transport';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optionText = z.string().min(1, 'each option needs a text').max(512, 'each option must be at most 512 characters');

/** One option per line, or a JSON array of {text} / {id, text}, or an array from an expression. */
const pollOptionsZod = z.preprocess(
	(v) => {
		if (typeof v !== 'string') return v;
		const t = v.trim();
		if (t.startsWith('[')) {
			try {
				return jsonFromText(t);
			} catch {
				return v;
			}
		}
		return lineItems(t);
	},
	z.array(
		z.preprocess(
			(o) => (typeof o === 'string' ? { text: o } : o),
			z.object({ id: z.string().regex(UUID, 'an option ID must be a UUID').optional(), text: optionText }).strict(),
		),
		{ invalid_type_error: 'must be one option per line, or a JSON array such as [{"text": "Next week"}]' },
	),
);

const POLL_OPTIONS = field({
	displayName: 'Options', name: 'pollOptions', type: 'string', default: '', typeOptions: { rows: 4 }, zod: pollOptionsZod,
	description: 'The answer options, one per line; or a JSON array of option objects such as [{"text": "Next week"}], where options as Get returns them keep their identity. Required for every type (the API refuses a poll without options).',
});

const QUESTION = field({
	displayName: 'Question', name: 'question', type: 'string', default: '', required: true,
	pattern: { regex: /^[\s\S]{5,}$/, message: 'must be at least 5 characters' },
	description: 'The poll question, at least 5 characters',
});

const TYPE = field({
	displayName: 'Type', name: 'type', type: 'options', default: 'single', required: true,
	options: [['free', 'Free (Short Answer)'], ['multiple', 'Multiple Choice'], ['single', 'Single Choice']],
	description: 'Single choice, multiple choice, or a short free-text answer',
});

const ANONYMOUS = field({ displayName: 'Anonymous', name: 'anonymous', type: 'boolean', default: false, description: 'Whether votes are anonymous' });

type PollParams = { type?: string; pollOptions?: unknown[]; updateFields?: { type?: string } };

/** Digital Samba's spec requires `options` on create and update, for free-text polls too (422 otherwise). */
const needsOptions = (p: PollParams, ctx: z.RefinementCtx) => {
	if (!p.pollOptions?.length) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['pollOptions'], message: "is required: Digital Samba's API needs at least one option, for a Free poll too" });
	}
};

const createBase = params([roomField(), QUESTION, TYPE, POLL_OPTIONS], [collection('additionalFields', 'Additional Fields', [ANONYMOUS], 'Add Field')]);
const pollId = pickedUnder('pollId', 'Poll ID', 'The ID (UUID) of the poll', 'searchPolls', ['roomId.value']);
const updateBase = params([roomUuid(), pollId, POLL_OPTIONS], [collection('updateFields', 'Update Fields', [{ ...QUESTION, required: false }, { ...TYPE, default: '' }, ANONYMOUS], 'Add Field')]);

const onePoll = params([roomUuid(), pollId]);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'poll', operation: 'getAll', name: 'Get Many', action: 'Get many polls',
		description: 'List the polls of a room, one item per poll with its question, type and status',
		...params([roomField()], [listOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/polls`, qs: { ...(p.options ?? {}) } }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'poll', operation: 'create', name: 'Create', action: 'Create a poll',
		description: 'Create a poll in a room: a question with single or multiple choice options, or a free-text answer; moderators launch it in the room',
		properties: createBase.properties,
		schema: createBase.schema.superRefine(needsOptions),
		repeatable: false,
		request: (p) => ({
			method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/polls`,
			body: { question: p.question, type: p.type, ...(p.additionalFields ?? {}), options: p.pollOptions ?? [] },
		}),
	}),
	roomByUuid(operation({
		resource: 'poll', operation: 'get', name: 'Get', action: 'Get a poll',
		description: 'Get a poll with its options',
		...onePoll,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/polls/${pathSegment(p.pollId)}` }),
	})),
	roomByUuid(operation({
		resource: 'poll', operation: 'update', name: 'Update', action: 'Update a poll',
		description: 'Change a poll; the options given replace the current ones (give an option\'s ID to keep it)',
		properties: updateBase.properties,
		schema: updateBase.schema.superRefine(needsOptions),
		repeatable: true,
		request: (p) => ({
			method: 'PATCH', path: `/rooms/${pathSegment(p.roomId)}/polls/${pathSegment(p.pollId)}`,
			body: { ...(p.updateFields ?? {}), options: p.pollOptions ?? [] },
		}),
	})),
	roomByUuid(operation({
		resource: 'poll', operation: 'delete', name: 'Delete', action: 'Delete a poll',
		description: 'Delete a poll and its votes',
		...onePoll,
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/polls/${pathSegment(p.pollId)}` }),
		output: (_body, p) => ({ deleted: true, id: p.pollId }),
	})),
	operation({
		resource: 'poll', operation: 'getResults', name: 'Get Results', action: 'Get the results of a poll',
		description: 'Get the results of a poll, one item per time it ran, with votes per option; optionally of one session',
		...params([roomField(), pollId], [collection('options', 'Options', [sessionFilter('results')], 'Add Option')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/polls/${pathSegment(p.pollId)}/results`, qs: { ...(p.options ?? {}) } }),
	}),
	operation({
		resource: 'poll', operation: 'export', name: 'Export', action: 'Export polls',
		description: 'Download the polls and results of a room, optionally of one session, as a text or JSON file in a binary field',
		...exportParams('The room: its ID (UUID) or its friendly URL', [['txt', 'Text'], ['json', 'JSON']], sessionFilter('polls')),
		repeatable: true,
		...exportCall((p) => `/rooms/${pathSegment(String(p.roomId))}/polls/export`, 'polls'),
	}),
	roomByUuid(operation({
		resource: 'poll', operation: 'import', name: 'Import', action: 'Import polls from a CSV file',
		description: 'Create polls in a room from a CSV file in an input binary field (see Get Template for the columns)',
		...importParams(),
		// The rows are created once: a repeat would create them twice.
		repeatable: false,
		run: importCsv((p) => `/rooms/${pathSegment(String(p.roomId))}/polls/import`),
	})),
	roomByUuid(operation({
		resource: 'poll', operation: 'getTemplate', name: 'Get Template', action: 'Get the poll import template',
		description: 'Download the CSV template for Import as a file in a binary field',
		...params([roomUuid()]),
		repeatable: true,
		...templateCall((p) => `/rooms/${pathSegment(String(p.roomId))}/polls/template`, 'polls-template.csv'),
	})),
	operation({
		resource: 'poll', operation: 'deleteAll', name: 'Delete All', action: 'Delete all polls of a room',
		description: 'Delete every poll of a room with its votes',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/polls` }),
		output: (_body, p) => ({ deleted: true, roomId: p.roomId }),
	}),
	operation({
		resource: 'poll', operation: 'deleteBySession', name: 'Delete by Session', action: 'Delete the polls of a session',
		description: 'Delete the polls (and votes) created by the participants of one session; polls of other sessions stay',
		...params([sessionField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/sessions/${pathSegment(p.sessionId)}/polls` }),
		output: (_body, p) => ({ deleted: true, sessionId: p.sessionId }),
	}),
];

export const poll: ResourceDescriptor = { value: 'poll', name: 'Poll', operations };
