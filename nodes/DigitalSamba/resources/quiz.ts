import { z } from 'zod';
import { jsonValue } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, pathSegment, field, type FieldSpec, params } from '../../shared/parameters/fields';
import { type StructuredInput, withStructured } from '../../shared/parameters/structured';
import { exportCall, importCsv, templateCall } from '../common';
import { exportParams, importParams, listOptions, pickedUnder, ROOM_UUID_DESCRIPTION, roomField, roomUuid, sessionField, sessionFilter } from '../fields';
import { roomByUuid } from '../roomUuid';
import { dsOffset } from '../transport';

const text512 = (what: string) => z.string({ required_error: `${what} needs a text` }).min(1, `${what} needs a text`).max(512, `${what} must be at most 512 characters`);

// `id` is kept so questions and choices read back from Get can be sent again unchanged.
const quizChoice = z.object({ id: z.string().optional(), text: text512('each choice'), correct: z.boolean().optional() }).strict();
const quizQuestion = z.object({
	id: z.string().optional(),
	text: text512('each question'),
	multiple: z.boolean().optional(),
	choices: z.array(quizChoice, { required_error: 'each question needs choices' }).min(1, 'each question needs at least one choice'),
}).strict();

/**
 * PATCH /rooms/{room}/quizzes/{quiz} requires only `choices` on a question: a question or choice named by its `id`
 * may leave out its text (it keeps the current one); a new one, without an `id`, needs it.
 */
const needsTextWithoutId = (what: string) => (entry: { id?: string; text?: string }, ctx: z.RefinementCtx) => {
	if (!entry.id && entry.text === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['text'], message: `${what} without an id is new and needs a text` });
};
const quizChoicePatch = quizChoice.extend({ text: text512('each choice').optional() }).strict().superRefine(needsTextWithoutId('a choice'));
const quizQuestionPatch = z.object({
	id: z.string().optional(),
	text: text512('each question').optional(),
	multiple: z.boolean().optional(),
	choices: z.array(quizChoicePatch, { required_error: 'each question needs its choices (the spec requires them on update)' }),
}).strict().superRefine(needsTextWithoutId('a question')).superRefine((q, ctx) => {
	// A new question is created as on Create, which needs at least one choice.
	if (!q.id && q.choices.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['choices'], message: 'a question without an id is new and needs at least one choice' });
});

const questionsJson = (update: boolean): FieldSpec<'questions'> => ({
	displayName: 'Questions (JSON)', name: 'questions', type: 'json', required: true,
	default: '[{"text": "Capital of Italy?", "multiple": false, "choices": [{"text": "Rome", "correct": true}, {"text": "Milan"}]}]',
	description: update
		? 'The questions as a JSON array of objects with text, multiple and choices (each with text and correct); give the ID of an existing question or choice to change it, and its text may be left out'
		: 'The questions as a JSON array: each {"text", "multiple" (several correct choices), "choices": [{"text", "correct"}]}',
	zod: jsonValue.pipe(
		update
			? z.array(quizQuestionPatch, { invalid_type_error: 'must be a JSON array of questions' }).min(1, 'must hold at least one question')
			: z.array(quizQuestion, { invalid_type_error: 'must be a JSON array of questions' }).min(1, 'must hold at least one question'),
	),
});

const idRow = (what: string): FieldSpec => ({ displayName: 'ID', name: 'id', type: 'string', default: '', description: `The ID of an existing ${what} to change; empty for a new one` });

/** Questions with their choices as rows (in order), or as JSON; saved workflows hold JSON. */
const questionsInput = (update: boolean): StructuredInput => ({
	json: questionsJson(update),
	mode: 'questionsInputMode',
	modeDefault: 'json',
	rows: {
		name: 'questionsUi', displayName: 'Questions', item: 'question', itemDisplayName: 'Question', sortable: true,
		fields: [
			...(update ? [idRow('question')] : []),
			{ displayName: 'Text', name: 'text', type: 'string', default: '', description: update ? 'The question, at most 512 characters; may stay empty for an existing question' : 'The question, at most 512 characters' },
			// On update a Yes / No left unchosen sends nothing, so an existing question named by ID keeps its own value.
			{ displayName: 'Several Correct Choices', name: 'multiple', type: update ? 'optionalBoolean' : 'boolean', default: update ? '' : false, description: 'Whether more than one choice can be correct' },
			{
				name: 'choices', displayName: 'Choices', item: 'choice', itemDisplayName: 'Choice', sortable: true,
				fields: [
					...(update ? [idRow('choice')] : []),
					{ displayName: 'Text', name: 'text', type: 'string', default: '', description: 'The choice, at most 512 characters' },
					{ displayName: 'Correct', name: 'correct', type: update ? 'optionalBoolean' : 'boolean', default: update ? '' : false, description: 'Whether this choice is a correct answer' },
				],
			},
		],
	},
	toValue: (rows) => rows,
});

const TITLE = field({ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, maxLength: 512, description: 'The quiz title, at most 512 characters' });

const QUIZ_FIELDS: FieldSpec[] = [
	{ displayName: 'Time Limit (Minutes)', name: 'time_limit_minutes', type: 'number', default: 60, integer: true, min: 1, max: 1440, description: 'Time to finish the whole quiz, 1 to 1440 minutes' },
	{ displayName: 'Timing Mode', name: 'timing_mode', type: 'options', default: 'quiz', options: [['question', 'Per Question'], ['quiz', 'Whole Quiz']], description: 'Whether the time limit applies to the whole quiz or to each question' },
	{ displayName: 'Time Limit (Seconds)', name: 'time_limit_seconds', type: 'number', default: 60, integer: true, min: 1, description: 'The time limit in seconds, at least 1' },
	{ displayName: 'Passing Score', name: 'passing_score', type: 'number', default: 50, min: 0, max: 100, description: 'Score in percent needed to pass, 0 to 100' },
];

const quizId = pickedUnder('quizId', 'Quiz ID', 'The ID (UUID) of the quiz', 'searchQuizzes', ['roomId.value']);
const oneQuiz = params([roomUuid(), quizId]);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'quiz', operation: 'getAll', name: 'Get Many', action: 'Get many quizzes',
		description: 'List the quizzes of a room, one item per quiz with its title, time limit and status',
		...params([roomField()], [listOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/quizzes`, qs: { ...(p.options ?? {}) } }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'quiz', operation: 'create', name: 'Create', action: 'Create a quiz',
		description: 'Create a quiz in a room: a title, questions with choices marked correct, and time limits',
		...withStructured(params([roomField(), TITLE, questionsJson(false)], [collection('additionalFields', 'Additional Fields', QUIZ_FIELDS, 'Add Field')]), questionsInput(false)),
		repeatable: false,
		request: (p) => ({
			method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/quizzes`,
			body: { title: p.title, ...(p.additionalFields ?? {}), questions: p.questions },
		}),
	}),
	roomByUuid(operation({
		resource: 'quiz', operation: 'get', name: 'Get', action: 'Get a quiz',
		description: 'Get a quiz with its questions and choices',
		...oneQuiz,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/quizzes/${pathSegment(p.quizId)}` }),
	})),
	roomByUuid(operation({
		resource: 'quiz', operation: 'update', name: 'Update', action: 'Update a quiz',
		description: 'Change a quiz; the questions given replace the current ones (give their IDs to keep and change them; with an ID, a text may be left out)',
		...withStructured(params([roomUuid(), quizId, questionsJson(true)], [
			collection('updateFields', 'Update Fields', [{ ...TITLE, required: false }, ...QUIZ_FIELDS], 'Add Field'),
		]), questionsInput(true)),
		repeatable: true,
		request: (p) => ({ method: 'PATCH', path: `/rooms/${pathSegment(p.roomId)}/quizzes/${pathSegment(p.quizId)}`, body: { ...(p.updateFields ?? {}), questions: p.questions } }),
	})),
	roomByUuid(operation({
		resource: 'quiz', operation: 'delete', name: 'Delete', action: 'Delete a quiz',
		description: 'Delete a quiz and its answers',
		...oneQuiz,
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/quizzes/${pathSegment(p.quizId)}` }),
		output: (_body, p) => ({ deleted: true, id: p.quizId }),
	})),
	operation({
		resource: 'quiz', operation: 'getResults', name: 'Get Results', action: 'Get the results of a quiz',
		description: 'Get the results of a quiz, one item per time it ran, with answers per question; optionally of one session',
		...params([roomField(), quizId], [collection('options', 'Options', [sessionFilter('results')], 'Add Option')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/quizzes/${pathSegment(p.quizId)}/results`, qs: { ...(p.options ?? {}) } }),
	}),
	roomByUuid(operation({
		resource: 'quiz', operation: 'export', name: 'Export', action: 'Export quiz results',
		description: 'Download the quiz results of a room as a CSV, text, JSON or ZIP file in a binary field',
		...exportParams(ROOM_UUID_DESCRIPTION, [['csv', 'CSV'], ['txt', 'Text'], ['json', 'JSON'], ['zip', 'ZIP']]),
		repeatable: true,
		...exportCall((p) => `/rooms/${pathSegment(String(p.roomId))}/quizzes/export`, 'quizzes'),
	})),
	roomByUuid(operation({
		resource: 'quiz', operation: 'import', name: 'Import', action: 'Import quizzes from a CSV file',
		description: 'Create quizzes from a CSV file in an input binary field: one row per question, grouped by quiz_title (see Get Template)',
		...importParams(),
		// The rows are created once: a repeat would create them twice.
		repeatable: false,
		run: importCsv((p) => `/rooms/${pathSegment(String(p.roomId))}/quizzes/import`),
	})),
	roomByUuid(operation({
		resource: 'quiz', operation: 'getTemplate', name: 'Get Template', action: 'Get the quiz import template',
		description: 'Download the CSV template for Import as a file in a binary field',
		...params([roomUuid()]),
		repeatable: true,
		...templateCall((p) => `/rooms/${pathSegment(String(p.roomId))}/quizzes/template`, 'quizzes-template.csv'),
	})),
	operation({
		resource: 'quiz', operation: 'deleteAll', name: 'Delete All', action: 'Delete all quizzes of a room',
		description: 'Delete every quiz of a room with its answers',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/quizzes` }),
		output: (_body, p) => ({ deleted: true, roomId: p.roomId }),
	}),
	operation({
		resource: 'quiz', operation: 'deleteBySession', name: 'Delete by Session', action: 'Delete the quizzes of a session',
		description: 'Delete the quizzes (and answers) created by the participants of one session; quizzes of other sessions stay',
		...params([sessionField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/sessions/${pathSegment(p.sessionId)}/quizzes` }),
		output: (_body, p) => ({ deleted: true, sessionId: p.sessionId }),
	}),
];

export const quiz: ResourceDescriptor = { value: 'quiz', name: 'Quiz', operations };
