import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';
import { collection, type FieldSpec, params } from '../../shared/fields';
import { ROOM_PROPERTY_FIELDS } from '../fields';

const DOMAIN_ONLY: FieldSpec[] = [
	{ displayName: 'Hide Daily Branding', name: 'hide_daily_branding', type: 'boolean', default: false, description: 'Whether the Daily logo is hidden in Daily Prebuilt (paid plans)' },
	{ displayName: 'Redirect on Meeting Exit', name: 'redirect_on_meeting_exit', type: 'string', default: '', url: true, description: 'A URL the browser opens when a participant leaves' },
	{ displayName: 'HIPAA', name: 'hipaa', type: 'boolean', default: false, description: 'Whether the domain is HIPAA compliant (needs the add-on)' },
	{ displayName: 'Intercom Auto Record', name: 'intercom_auto_record', type: 'boolean', default: false, description: 'Whether Intercom conversations are recorded' },
	{ displayName: 'Enable Transcription', name: 'enable_transcription', type: 'string', default: '', description: 'Transcription provider for the domain, e.g. deepgram' },
];

/** Domain properties: the room properties that also apply to a domain, plus the domain-only ones. */
const SHARED = new Set([
	'enable_advanced_chat', 'enable_people_ui', 'enable_pip_ui', 'enable_emoji_reactions', 'enable_hand_raising',
	'enable_prejoin_ui', 'enable_live_captions_ui', 'enable_network_ui', 'enable_noise_cancellation_ui',
	'enable_breakout_rooms', 'enable_video_processing_ui', 'enable_shared_chat_history', 'enable_chat',
	'enable_recording', 'enable_adaptive_simulcast', 'enable_multiparty_adaptive_simulcast', 'enforce_unique_user_ids',
	'lang', 'meeting_join_hook', 'geo', 'rtmp_geo', 'disable_rtmp_geo_fallback', 'recordings_bucket',
	'enable_terse_logging', 'enable_transcription_storage', 'transcription_bucket', 'recordings_template',
	'owner_only_broadcast', 'permissions',
]);

const domainProperties = collection('properties', 'Domain Properties', [
	...ROOM_PROPERTY_FIELDS.filter((f) => SHARED.has(f.name)),
	...DOMAIN_ONLY,
], 'Add Property');

const operations: OperationDescriptor[] = [
	{
		resource: 'domain', operation: 'get', name: 'Get Configuration', action: 'Get the domain configuration',
		description: 'Get the domain name, domain ID and domain-wide settings',
		...params([]),
		request: () => ({ method: 'GET', path: '/' }),
	},
	{
		resource: 'domain', operation: 'update', name: 'Update Configuration', action: 'Update the domain configuration',
		description: 'Change domain-wide settings that every room inherits unless it overrides them',
		...params([], [domainProperties]),
		request: (p) => ({ method: 'POST', path: '/', body: { properties: p.properties ?? {} }, retry: 'always' }),
	},
];

export const domain: ResourceDescriptor = { value: 'domain', name: 'Domain', operations };
