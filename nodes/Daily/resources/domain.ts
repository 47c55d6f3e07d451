import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, type FieldSpec, params, type Reset, withResets } from '../../shared/parameters/fields';
import { ROOM_PROPERTY_FIELDS, ROOM_RESETS, withoutRetired } from '../fields';

/** Properties only a domain has (the spec's `domain.properties`). `intercom_auto_record` is read-only there. */
const DOMAIN_ONLY: FieldSpec[] = [
	{ displayName: 'Hide Daily Branding', name: 'hide_daily_branding', type: 'boolean', default: false, description: 'Whether the Daily logo is hidden in Daily Prebuilt (paid plans)' },
	{ displayName: 'Redirect on Meeting Exit', name: 'redirect_on_meeting_exit', type: 'string', default: '', url: true, description: 'A URL the browser opens when a participant leaves' },
	{ displayName: 'HIPAA', name: 'hipaa', type: 'boolean', default: false, description: 'Whether the domain is HIPAA compliant (needs the add-on)' },
	{ displayName: 'Batch Processor Bucket (JSON)', name: 'batch_processor_bucket', type: 'json', default: '', description: 'Your own S3 bucket for batch processor output: {"bucket_name", "bucket_region", "assume_role_arn"}' },
	{ displayName: 'Enable Opus FEC', name: 'enable_opus_fec', type: 'boolean', default: false, description: 'Whether audio is sent with Opus in-band forward error correction, for lossy networks' },
];

/** Room properties that are also domain properties: every key of the spec's `domain.properties` a room has too. */
const SHARED = new Set([
	'enable_advanced_chat', 'enable_people_ui', 'enable_cpu_warning_notifications', 'enable_pip_ui', 'enable_emoji_reactions',
	'enable_hand_raising', 'enable_prejoin_ui', 'enable_breakout_rooms', 'enable_live_captions_ui', 'enable_network_ui',
	'enable_noise_cancellation_ui', 'enable_video_processing_ui', 'lang', 'meeting_join_hook', 'geo', 'rtmp_geo',
	'disable_rtmp_geo_fallback', 'enable_terse_logging', 'enable_transcription_storage', 'transcription_bucket',
	'recordings_template', 'transcription_template', 'enable_mesh_sfu', 'sfu_switchover', 'enable_adaptive_simulcast',
	'enable_multiparty_adaptive_simulcast', 'enforce_unique_user_ids', 'recordings_bucket', 'permissions',
	'enable_raw_tracks_transcoded_audio',
]);

/** Domain booleans whose default in the spec's domain schema is true: offered at true, so adding one keeps it on. */
const ON_BY_DEFAULT = new Set(['enable_people_ui', 'enable_cpu_warning_notifications', 'enable_prejoin_ui', 'enable_noise_cancellation_ui', 'enable_video_processing_ui', 'enable_adaptive_simulcast']);

/**
 * Keys the node offered that the spec's domain schema does not have: room properties (`enable_chat`,
 * `enable_shared_chat_history`, `enable_recording`), one gone from Daily (`owner_only_broadcast`), one that is no
 * property (`enable_transcription`), and the read-only `intercom_auto_record`. A saved workflow with one still
 * validates; the key is not sent.
 */
export const RETIRED_DOMAIN_KEYS = ['enable_chat', 'enable_shared_chat_history', 'enable_recording', 'owner_only_broadcast', 'enable_transcription', 'intercom_auto_record'];

/** The spec's enum of domain.properties.enable_raw_tracks_transcoded_audio holds "" (as the room's does). */
export const DOMAIN_RESETS: Reset[] = ROOM_RESETS.filter((r) => SHARED.has(r.property));

const domainProperties = withoutRetired(collection('properties', 'Domain Properties', [
	...ROOM_PROPERTY_FIELDS.filter((f) => SHARED.has(f.name)).map((f) => (f.type !== 'boolean' ? f : ON_BY_DEFAULT.has(f.name)
		? { ...f, default: true, description: f.description.includes('(default true)') ? f.description : `${f.description} (default true)` }
		: { ...f, default: false, description: f.description.replace(' (default true)', '') })),
	...DOMAIN_ONLY,
], 'Add Property'), RETIRED_DOMAIN_KEYS);
const domainUpdate = withResets(domainProperties, DOMAIN_RESETS);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'domain', operation: 'get', name: 'Get Configuration', action: 'Get the domain configuration',
		description: 'Get the domain name, domain ID and domain-wide settings',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/' }),
	}),
	operation({
		resource: 'domain', operation: 'update', name: 'Update Configuration', action: 'Update the domain configuration',
		description: 'Change domain-wide settings that every room inherits unless it overrides them',
		...params([], [domainUpdate]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: '/', body: { properties: p.properties ?? {} } }),
	}),
];

export const domain: ResourceDescriptor = { value: 'domain', name: 'Domain', operations };
