import { z } from 'zod';
import { stringList } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, params } from '../../shared/parameters/fields';
import { instanceIdOptions, roomNameField, STREAM_OPTION_FIELDS, STREAM_START_FIELDS } from '../fields';

const rtmpUrls = {
	name: 'rtmpUrl',
	displayName: 'RTMP URLs',
	type: 'stringList' as const,
	description: 'Comma-separated RTMP(S) URLs with stream keys, e.g. rtmps://a.rtmp.youtube.com/live2/KEY',
	zod: stringList.pipe(z.array(z.string().regex(/^rtmps?:\/\//i, 'each URL must start with rtmp:// or rtmps://'))),
};

const endpoints = field({
	displayName: 'Endpoint Names or IDs',
	name: 'endpoints',
	type: 'multiOptions',
	loadOptions: 'getStreamingEndpoints',
	// Reloads when the room changes: the room's endpoints are listed (lists.ts getStreamingEndpoints).
	typeOptions: { loadOptionsDependsOn: ['roomName.value'] },
	default: [],
	description: 'Streaming endpoints predefined on the room or the domain (their streaming_endpoints). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
});

const start = params([roomNameField('The room whose meeting to stream')], [
	collection('options', 'Options', [rtmpUrls, endpoints, ...STREAM_START_FIELDS, ...STREAM_OPTION_FIELDS], 'Add Option'),
]);

/*
 * Update's body is the spec's DailyLiveStreamingOptions, the same schema as start's (POST
 * /rooms/{room_name}/live-streaming/update), so the same options are offered, none required. Only the layout is
 * documented as changing while the stream runs (daily-js updateLiveStreaming(): layout and instanceId,
 * https://docs.daily.co/reference/daily-js/instance-methods/update-live-streaming); daily-js's guide says width
 * "Can only be set at start" and changes destinations mid-stream with add/removeLiveStreamingEndpoints().
 */
const update = params([roomNameField()], [
	collection('options', 'Options', [rtmpUrls, endpoints, ...STREAM_START_FIELDS, ...STREAM_OPTION_FIELDS], 'Add Option'),
]);

function withEndpoints(options: Record<string, unknown> | undefined) {
	const body = defined(options);
	if (Array.isArray(body.endpoints)) body.endpoints = (body.endpoints as string[]).map((endpoint) => ({ endpoint }));
	return body;
}

/** Whether a list option (RTMP URLs, endpoint names: lists once validated) holds at least one entry. */
const hasEntries = (list: unknown) => Array.isArray(list) && list.length > 0;

const operations: OperationDescriptor[] = [
	operation({
		resource: 'liveStream', operation: 'start', name: 'Start', action: 'Start a live stream',
		description: 'Restream the meeting of a room to RTMP endpoints (YouTube, Twitch, any RTMP server); give RTMP URLs or predefined endpoint names',
		properties: start.properties,
		schema: start.schema.refine((p) => hasEntries(p.options?.rtmpUrl) || hasEntries(p.options?.endpoints), {
			message: 'give at least one RTMP URL or endpoint name',
			path: ['options', 'rtmpUrl'],
		}),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/live-streaming/start`, body: withEndpoints(p.options), rateClass: 'start' }),
	}),
	operation({
		resource: 'liveStream', operation: 'update', name: 'Update', action: 'Update a live stream',
		description: 'Send new settings to a running live stream. Only the layout takes effect while it runs (as documented by daily-js updateLiveStreaming); Daily\'s spec accepts the start settings here too, with no documented effect on a running stream.',
		...update,
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/live-streaming/update`, body: withEndpoints(p.options) }),
	}),
	operation({
		resource: 'liveStream', operation: 'stop', name: 'Stop', action: 'Stop a live stream',
		description: 'Stop the live stream of a room',
		...params([roomNameField()], [instanceIdOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/live-streaming/stop`, body: defined(p.options) }),
	}),
];

export const liveStream: ResourceDescriptor = { value: 'liveStream', name: 'Live Stream', operations };
