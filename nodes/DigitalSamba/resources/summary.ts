import type { IDataObject } from 'n8n-workflow';
import { operation, type OperationContext, type OperationDescriptor, type RequestSpec, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, pathSegment, params } from '../../shared/parameters/fields';
import { roomField, sessionField } from '../fields';

interface WaitOptions {
	waitUntilReady?: boolean;
	pollInterval?: number;
	timeout?: number;
}

const waitOptions = collection('options', 'Options', [
	{ displayName: 'Wait Until Ready', name: 'waitUntilReady', type: 'boolean', default: false, description: 'Whether to ask again until the summary is no longer IN_PROGRESS, instead of returning at once' },
	{ displayName: 'Poll Interval (Seconds)', name: 'pollInterval', type: 'number', default: 10, min: 1, max: 300, description: 'With Wait Until Ready: seconds between two checks' },
	{ displayName: 'Timeout (Seconds)', name: 'timeout', type: 'number', default: 300, min: 1, max: 3600, description: 'With Wait Until Ready: fail when the summary is not ready after this many seconds' },
], 'Add Option');

/**
 * Summary → Get: GET /sessions/{session}/summary answers `{job_id, status, summary}` (spec getSessionSummary: status
 * IN_PROGRESS with summary '' while it is written, READY with the text). With waitUntilReady, asked again until it is not
 * IN_PROGRESS.
 */
export async function getSummary(ctx: OperationContext, p: { sessionId: string; options?: WaitOptions }): Promise<IDataObject> {
	const spec: RequestSpec = { method: 'GET', path: `/sessions/${pathSegment(p.sessionId)}/summary`, repeatable: true };
	const interval = (p.options?.pollInterval ?? 10) * 1000;
	const timeout = (p.options?.timeout ?? 300) * 1000;
	const started = Date.now();
	for (;;) {
		const result = await ctx.send(spec);
		const body = (result.body ?? {}) as IDataObject;
		if (!p.options?.waitUntilReady || body.status !== 'IN_PROGRESS') return body;
		// Give up before a wait that would end past the timeout, not after it.
		if (Date.now() - started + interval > timeout) {
			throw ctx.error(`The summary of session ${p.sessionId} was still IN_PROGRESS after ${Math.round((Date.now() - started) / 1000)} s (timeout ${timeout / 1000} s); try again later or raise Timeout`);
		}
		await ctx.pause(interval);
	}
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'summary', operation: 'get', name: 'Get', action: 'Get a session summary',
		description: 'Get the AI summary of a session as {job_id, status, summary}; status IN_PROGRESS means it is still being written. With Wait Until Ready the node checks again until it is done.',
		...params([sessionField()], [waitOptions]),
		repeatable: true,
		run: getSummary,
	}),
	operation({
		resource: 'summary', operation: 'deleteForRoom', name: 'Delete for Room', action: 'Delete the summaries of a room',
		description: 'Delete every session summary of a room',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/summaries` }),
		output: (_body, p) => ({ deleted: true, roomId: p.roomId }),
	}),
	operation({
		resource: 'summary', operation: 'deleteForSession', name: 'Delete for Session', action: 'Delete the summaries of a session',
		description: 'Delete the summaries of one session',
		...params([sessionField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/sessions/${pathSegment(p.sessionId)}/summaries` }),
		output: (_body, p) => ({ deleted: true, sessionId: p.sessionId }),
	}),
];

export const summary: ResourceDescriptor = { value: 'summary', name: 'Summary', operations };
