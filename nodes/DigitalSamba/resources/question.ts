import { z } from 'zod';
import { operation, type HttpMethod, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, pathSegment, field, type FieldSpec, params } from '../../shared/parameters/fields';
import { answered, exportCall } from '../common';
import { exportParams, listOptions, pickedUnder, roomField, sessionField, sessionFilter } from '../fields';
import { dsOffset } from '../transport';

/** Who acts: an existing participant by ID, or a person by name and external ID. */
const PARTICIPANT_FIELDS = [
	field({ displayName: 'Participant ID', name: 'participantId', type: 'string', default: '', locator: { list: 'searchParticipants', typed: 'id', dependsOn: ['roomId.value'] }, description: 'The ID (UUID) of an existing participant who acts; or leave empty and give Participant Name and Participant External ID' }),
	field({ displayName: 'Participant Name', name: 'participantName', type: 'string', default: '', description: 'Name of the person who acts, when no Participant ID is given' }),
	field({ displayName: 'Participant External ID', name: 'participantExternalId', type: 'string', default: '', description: 'Your own ID for the person who acts, when no Participant ID is given' }),
];

interface Participant { participantId?: string; participantName?: string; participantExternalId?: string }

function withParticipant<F extends FieldSpec>(fields: F[], extra: FieldSpec[] = []) {
	const base = params([roomField(), ...fields, ...PARTICIPANT_FIELDS], extra.length ? [collection('additionalFields', 'Additional Fields', extra, 'Add Field')] : []);
	return {
		properties: base.properties,
		schema: base.schema.superRefine((parsed, ctx) => {
			// The parameters' type is still open here (F): read the participant fields it always has.
			const p = parsed as unknown as Participant;
			if (p.participantId) return;
			for (const name of ['participantName', 'participantExternalId'] as const) {
				if (!p[name]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: 'is required when Participant ID is empty' });
			}
		}),
	};
}

/** The API's participant object: `{id}` or `{name, external_id}`. */
const participant = (p: Participant) =>
	p.participantId ? { id: p.participantId } : { name: p.participantName, external_id: p.participantExternalId };

const questionId = pickedUnder('questionId', 'Question ID', 'The ID (UUID) of the question', 'searchQuestions', ['roomId.value']);
const answerId = pickedUnder('answerId', 'Answer ID', 'The ID (UUID) of the answer', 'searchAnswers', ['roomId.value', 'questionId.value']);
const questionText = field({ displayName: 'Question', name: 'question', type: 'string', default: '', required: true, typeOptions: { rows: 2 }, description: 'The question text' });
const answerText = field({ displayName: 'Answer', name: 'answer', type: 'string', default: '', required: true, typeOptions: { rows: 2 }, description: 'The answer text' });

/** A call on one question that only names the participant who makes it; `repeatable` as OperationDescriptor has it. */
function questionAction(
	value: string, name: string, action: string, description: string,
	method: HttpMethod, repeatable: boolean, path: (p: { roomId: string; questionId: string }) => string,
): OperationDescriptor {
	return operation({
		resource: 'question', operation: value, name, action, description,
		...withParticipant([questionId]),
		repeatable,
		request: (p) => ({ method, path: path(p), body: { participant: participant(p) } }),
		output: method === 'DELETE'
			? (_body, p) => ({ deleted: true, questionId: p.questionId })
			: answered((p) => ({ questionId: p.questionId })),
	});
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'question', operation: 'getAll', name: 'Get Many', action: 'Get many questions',
		description: 'List the Q&A questions of a room with their answers, optionally of one session, one item per question',
		...params([roomField()], [listOptions([sessionFilter('questions')])]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/questions`, qs: { ...(p.options ?? {}) } }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'question', operation: 'export', name: 'Export', action: 'Export questions and answers',
		description: 'Download the Q&A of a room, optionally of one session, as a text or JSON file in a binary field',
		...exportParams('The room: its ID (UUID) or its friendly URL', [['txt', 'Text'], ['json', 'JSON']], sessionFilter('questions')),
		repeatable: true,
		...exportCall((p) => `/rooms/${pathSegment(String(p.roomId))}/questions/export`, 'questions'),
	}),
	operation({
		resource: 'question', operation: 'create', name: 'Create', action: 'Create a question',
		description: 'Ask a question in the Q&A of a room on behalf of a participant (by ID, or by name and external ID)',
		...withParticipant([questionText], [
			{ displayName: 'Anonymous', name: 'anonymous', type: 'boolean', default: false, description: 'Whether the question is shown without the asker\'s name' },
			{ displayName: 'Breakout Room ID', name: 'breakout_id', type: 'string', default: '', description: 'The breakout room (UUID) the question is asked in' },
		]),
		repeatable: false,
		request: (p) => ({
			method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/questions`,
			body: { participant: participant(p), question: p.question, ...(p.additionalFields ?? {}) },
		}),
		output: answered((p) => ({ roomId: p.roomId, question: p.question })),
	}),
	operation({
		resource: 'question', operation: 'update', name: 'Update', action: 'Update a question',
		description: 'Change the text of a question, on behalf of a participant allowed to',
		...withParticipant([questionId, questionText]),
		repeatable: true,
		request: (p) => ({ method: 'PATCH', path: `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}`, body: { participant: participant(p), question: p.question } }),
		output: answered((p) => ({ questionId: p.questionId })),
	}),
	operation({
		resource: 'question', operation: 'delete', name: 'Delete', action: 'Delete a question',
		description: 'Delete a question and its answers, on behalf of a participant allowed to',
		...withParticipant([questionId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}`, body: { participant: participant(p) } }),
		output: (_body, p) => ({ deleted: true, id: p.questionId }),
	}),
	operation({
		resource: 'question', operation: 'createAnswer', name: 'Create Answer', action: 'Answer a question',
		description: 'Post an answer to a question on behalf of a participant, publicly or privately to the asker',
		...withParticipant([questionId, answerText], [
			{ displayName: 'Private', name: 'private', type: 'boolean', default: false, description: 'Whether only the asker sees the answer' },
		]),
		repeatable: false,
		request: (p) => ({
			method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/answers`,
			body: { participant: participant(p), answer: p.answer, ...(p.additionalFields ?? {}) },
		}),
		output: answered((p) => ({ questionId: p.questionId, answer: p.answer })),
	}),
	operation({
		resource: 'question', operation: 'updateAnswer', name: 'Update Answer', action: 'Update an answer',
		description: 'Change the text of an answer, on behalf of a participant allowed to',
		...withParticipant([questionId, answerId, answerText]),
		repeatable: true,
		request: (p) => ({ method: 'PATCH', path: `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/answers/${pathSegment(p.answerId)}`, body: { participant: participant(p), answer: p.answer } }),
		output: answered((p) => ({ questionId: p.questionId, answerId: p.answerId })),
	}),
	operation({
		resource: 'question', operation: 'deleteAnswer', name: 'Delete Answer', action: 'Delete an answer',
		description: 'Delete an answer, on behalf of a participant allowed to',
		...withParticipant([questionId, answerId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/answers/${pathSegment(p.answerId)}`, body: { participant: participant(p) } }),
		output: (_body, p) => ({ deleted: true, id: p.answerId, questionId: p.questionId }),
	}),
	questionAction('dismiss', 'Dismiss', 'Dismiss a question', 'Dismiss a question so it leaves the open list, on behalf of a moderator', 'POST', false, (p) => `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/dismiss`),
	questionAction('reopen', 'Reopen', 'Reopen a question', 'Reopen a dismissed question, on behalf of a moderator', 'POST', false, (p) => `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/reopen`),
	questionAction('vote', 'Vote', 'Upvote a question', 'Upvote a question on behalf of a participant', 'POST', false, (p) => `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/vote`),
	questionAction('unvote', 'Remove Vote', 'Remove a vote from a question', 'Take back a participant\'s upvote of a question', 'DELETE', true, (p) => `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/vote`),
	questionAction('startLiveAnswer', 'Start Live Answer', 'Start a live answer', 'Mark that a participant starts answering a question live, by voice', 'POST', false, (p) => `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/live-answers/start`),
	questionAction('stopLiveAnswer', 'Stop Live Answer', 'Stop a live answer', 'Mark a live answer to a question as finished', 'POST', false, (p) => `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/live-answers/stop`),
	questionAction('cancelLiveAnswer', 'Cancel Live Answer', 'Cancel a live answer', 'Cancel a live answer to a question that was started', 'POST', false, (p) => `/rooms/${pathSegment(p.roomId)}/questions/${pathSegment(p.questionId)}/live-answers/cancel`),
	operation({
		resource: 'question', operation: 'deleteAll', name: 'Delete All', action: 'Delete all questions of a room',
		description: 'Delete every Q&A question and answer of a room, across all its sessions',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/questions` }),
		output: (_body, p) => ({ deleted: true, roomId: p.roomId }),
	}),
	operation({
		resource: 'question', operation: 'deleteBySession', name: 'Delete by Session', action: 'Delete the questions of a session',
		description: 'Delete the Q&A questions and answers of one session',
		...params([sessionField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/sessions/${pathSegment(p.sessionId)}/questions` }),
		output: (_body, p) => ({ deleted: true, sessionId: p.sessionId }),
	}),
];

export const question: ResourceDescriptor = { value: 'question', name: 'Q&A', operations };
