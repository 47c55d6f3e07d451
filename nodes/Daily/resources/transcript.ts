import type { IDataObject } from 'n8n-workflow';
import { operation, type OperationContext, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, idField, params } from '../../shared/parameters/fields';
import { cuesToText, parseWebVtt } from '../../shared/formats/webvtt';
import { dailyCursor } from '../fields';

/**
 * The link of a transcript's access-link answer: the spec's schema names it `link`, its example and the docs page
 * `download_link`; both are read.
 */
export function accessLink(body: unknown): string | undefined {
	const answer = (body ?? {}) as IDataObject;
	const link = answer.download_link ?? answer.link;
	return typeof link === 'string' && link !== '' ? link : undefined;
}

/**
 * A transcript as text: GET /transcript/{transcriptId}/access-link, then its WebVTT file, parsed into timed cues and
 * "Speaker: text" lines. `ready` is false while Daily gives no link yet.
 */
export async function transcriptText(ctx: OperationContext, id: string): Promise<{ transcriptId: string; text: string; cues: IDataObject[]; ready: boolean; vtt?: string }> {
	const { body } = await ctx.send({ method: 'GET', path: `/transcript/${pathSegment(id)}/access-link`, repeatable: true });
	const link = accessLink(body);
	if (!link) return { transcriptId: id, text: '', cues: [], ready: false };
	const vtt = (await ctx.download(link)).toString('utf8');
	const cues = parseWebVtt(vtt);
	return { transcriptId: id, text: cuesToText(cues), cues: cues as unknown as IDataObject[], ready: true, vtt };
}

const transcriptId = idField('transcriptId', 'Transcript ID', 'The ID of the transcript', 'searchTranscripts');

const operations: OperationDescriptor[] = [
	operation({
		resource: 'transcript', operation: 'getAll', name: 'Get Many', action: 'Get many transcripts',
		description: 'List stored transcripts, newest first, optionally of one room or meeting session',
		...params([], [collection('filters', 'Filters', [
			{ displayName: 'Room ID', name: 'roomId', type: 'string', default: '', description: 'Only transcripts of this room (its ID, not its name)' },
			{ displayName: 'Meeting Session ID', name: 'mtgSessionId', type: 'string', default: '', description: 'Only transcripts of this meeting session' },
		], 'Add Filter')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/transcript', qs: defined(p.filters) }),
		paginate: dailyCursor('transcriptId'),
	}),
	operation({
		resource: 'transcript', operation: 'get', name: 'Get', action: 'Get a transcript',
		description: 'Get the status and details of a transcript',
		...params([transcriptId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/transcript/${pathSegment(p.transcriptId)}` }),
	}),
	operation({
		resource: 'transcript', operation: 'delete', name: 'Delete', action: 'Delete a transcript',
		description: 'Delete a stored transcript',
		...params([transcriptId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/transcript/${pathSegment(p.transcriptId)}` }),
		output: (body, p) => ({ deleted: true, transcriptId: p.transcriptId, ...(body && typeof body === 'object' ? body : {}) }),
	}),
	operation({
		resource: 'transcript', operation: 'getAccessLink', name: 'Get Access Link', action: 'Get a transcript download link',
		description: 'Get a temporary link to the WebVTT file of a transcript',
		...params([transcriptId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/transcript/${pathSegment(p.transcriptId)}/access-link` }),
		// Either name in, both out: a workflow reading download_link (the docs) or link (the spec's schema) finds it.
		output: (body) => {
			const link = accessLink(body);
			return { ...(body && typeof body === 'object' ? body : {}), ...(link ? { link, download_link: link } : {}) };
		},
	}),
	operation({
		resource: 'transcript', operation: 'getText', name: 'Get Text', action: 'Get the text of a transcript',
		description: 'Download a transcript and return it as plain "Speaker: text" lines an AI agent can read, with the timed cues',
		...params([transcriptId]),
		repeatable: true,
		run: async (ctx, p) => {
			const { transcriptId, text, cues, ready } = await transcriptText(ctx, p.transcriptId);
			return { transcriptId, text, cues, ready };
		},
	}),
];

export const transcript: ResourceDescriptor = { value: 'transcript', name: 'Transcript', operations };
