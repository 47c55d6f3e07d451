import { z } from 'zod';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { pathSegment, params } from '../../shared/parameters/fields';
import { roomField } from '../fields';

const room = roomField();

const start = params([
	room,
	{
		displayName: 'Target', name: 'target', type: 'options', default: 'youtube', required: true,
		options: [['youtube', 'YouTube'], ['vimeo', 'Vimeo'], ['cloudflare', 'Cloudflare'], ['custom', 'Custom RTMP Server']],
		description: 'Where to stream the room to; a custom RTMP server needs its Server URL',
	},
	{
		displayName: 'Server URL', name: 'serverUrl', type: 'string', default: '',
		pattern: { regex: /^rtmps?:\/\/\S+$/i, message: 'must be an rtmp:// or rtmps:// URL' },
		placeholder: 'e.g. rtmps://rtmp-global.cloud.vimeo.com/live',
		description: 'The RTMP(S) ingest URL of the custom server',
	},
	{ displayName: 'Stream Key', name: 'streamKey', type: 'string', default: '', required: true, typeOptions: { password: true }, description: 'The stream key the streaming service gave you' },
]);

// The API takes either `type` or `server_url`, never both.
const startSchema = start.schema.superRefine((p, ctx) => {
	if (p.target === 'custom' && !p.serverUrl) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['serverUrl'], message: 'is required for a custom RTMP server' });
	}
	if (p.target !== 'custom' && p.serverUrl) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['serverUrl'], message: `is only for a custom RTMP server, not for ${p.target}` });
	}
});

const operations: OperationDescriptor[] = [
	operation({
		resource: 'restreamer', operation: 'start', name: 'Start', action: 'Start restreaming a room',
		description: 'Stream the session running in a room live to YouTube, Vimeo, Cloudflare or a custom RTMP server, with the stream key of that service',
		properties: start.properties.map((p) => (p.name === 'serverUrl' ? { ...p, displayOptions: { show: { target: ['custom'] } } } : p)),
		schema: startSchema,
		repeatable: false,
		request: (p) => ({
			method: 'POST',
			path: `/rooms/${pathSegment(p.roomId)}/restreamers/start`,
			body: p.target === 'custom' ? { server_url: p.serverUrl, stream_key: p.streamKey } : { type: p.target, stream_key: p.streamKey },
		}),
		output: (_body, p) => ({ success: true, roomId: p.roomId, target: p.target }),
	}),
	operation({
		resource: 'restreamer', operation: 'stop', name: 'Stop', action: 'Stop restreaming a room',
		description: 'Stop the live stream of a room',
		...params([room]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/restreamers/stop` }),
		output: (_body, p) => ({ success: true, roomId: p.roomId }),
	}),
];

export const restreamer: ResourceDescriptor = { value: 'restreamer', name: 'Restreamer', operations };
