import type { IBinaryData, IDataObject, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { LinkedFile, OperationContext } from '../model/descriptor';
import type { ProviderTransport } from '../model/provider';
import { pause } from '../http/cancel';
import { redact } from '../http/errors';
import { backoffDelay, retryPolicyOf, send } from '../http/send';
import { isNotYet, onceIn, operationContext } from '../run/context';
import { respond } from './webhook';

/**
 * How long a delivery's artefacts are asked for again when the provider announced them before they are ready (issue
 * 28): 10 minutes. webhook() has no cancel signal, so the fetch must end by itself; the run starts when it ends.
 */
export const READY_WITHIN_MS = 10 * 60_000;

/** A file an artefact comes with, already in memory (a transcript's few KB). */
export interface InlineFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** What an inclusion fetched: the json under its key, and the file it can attach. */
export interface Included {
	json: IDataObject;
	file?: LinkedFile | InlineFile;
}

/**
 * One thing a trigger can include with an event: an Include option, the provider events it applies to, and how it is
 * fetched. `fetch` calls the provider with the action node's own operations (resources/*.ts), and throws `ctx.notYet`
 * while the provider says the artefact is not ready, or when the event does not carry the ID it needs.
 */
export interface Inclusion {
	/** The Include option's value; also the output key it is put under. */
	value: string;
	/** The option's label and description in the Include list. */
	name: string;
	description: string;
	/** The provider events it is fetched for. */
	events: string[];
	/** `files`: whether Include Files is on, so a file that costs a call of its own is fetched only then. */
	fetch(ctx: OperationContext, event: IDataObject, options: { files: boolean }): Promise<Included>;
}

/** What a run's item says when an inclusion could not be fetched: the run still starts, with the event. */
export interface ArtefactError {
	include: string;
	message: string;
	description?: string;
}

/** The trigger options of Include: the list of what to include, whether files come along, and in test mode. */
export function includeOptions(table: Inclusion[]): INodeProperties[] {
	return [
		{
			displayName: 'Include',
			name: 'include',
			type: 'multiOptions',
			default: [],
			options: table.map((i) => ({ name: i.name, value: i.value, description: i.description })).sort((a, b) => a.name.localeCompare(b.name)),
			description:
				'What to fetch and put on the item for the events that announce it. The provider is answered first; the run starts once everything is fetched (asked again for up to 10 minutes while the provider says it is not ready). What cannot be fetched is named in artefactError, and the run starts with the event.',
		},
		{
			displayName: 'Include Files',
			name: 'includeFiles',
			type: 'boolean',
			default: false,
			description: 'Whether the recording\'s or transcript\'s file is attached as binary data (field "data"), streamed to n8n\'s binary storage',
		},
		{
			displayName: 'Include Files in Test Mode',
			name: 'includeFilesInTest',
			type: 'boolean',
			default: false,
			description: 'Whether "Listen for test event" downloads the files too; by default a test run fetches everything else and names the file it left out',
		},
	];
}

interface IncludeChoice {
	include?: string[];
	includeFiles?: boolean;
	includeFilesInTest?: boolean;
}

/** The provider answered "no such thing" (yet): a link that works only some time after the event announced it. */
function notFoundYet(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/**
 * Fetches `inclusion` until it is ready: asked again, with the backoff of reads, while it throws notYet or the provider
 * answers 404, until the policy's readyWithinMs (default READY_WITHIN_MS) would pass. Any other error ends it at once.
 * The outcome, never a throw: nothing may throw once the provider has been answered.
 */
async function untilReady(ctx: OperationContext, inclusion: Inclusion, event: IDataObject, files: boolean, transport: ProviderTransport): Promise<{ included: Included } | { failure: unknown }> {
	const policy = retryPolicyOf(transport);
	const deadline = Date.now() + (policy.readyWithinMs ?? READY_WITHIN_MS);
	for (let attempt = 0; ; attempt++) {
		let failure: unknown;
		try {
			return { included: await inclusion.fetch(ctx, event, { files }) };
		} catch (error) {
			failure = error;
		}
		const wait = Math.max(policy.baseDelayMs, backoffDelay(attempt, policy));
		if ((!isNotYet(failure) && !notFoundYet(failure)) || Date.now() + wait > deadline) return { failure };
		await pause(wait);
	}
}

/** What an item says of a file behind a link: the link, when it stops working (ISO, null where not said), its name. */
export function linkFields(file: LinkedFile): IDataObject {
	return { downloadLink: file.url, expiresAt: file.expires === undefined ? null : new Date(file.expires * 1000).toISOString(), fileName: file.fileName };
}

function isLinked(file: LinkedFile | InlineFile): file is LinkedFile {
	return typeof (file as LinkedFile).url === 'string';
}

/**
 * Starts the run for a verified, first delivery, with what the options include for its event. With nothing to
 * include, n8n answers the provider as for any trigger. Otherwise the provider is answered 200 first (it wants an
 * answer within seconds, a recording can be gigabytes), then the artefacts are fetched, then the run starts:
 * webhook() returns `noWebhookResponse` with the run, which n8n starts without answering again (webhook-helpers'
 * executeWebhook, 1.x and 2.x). Nothing after the answer throws: a failure is the item's `artefactError`.
 */
export async function startRunWith(
	ctx: IWebhookFunctions,
	transport: ProviderTransport,
	table: Inclusion[],
	eventType: string,
	json: IDataObject,
	event: IDataObject,
): Promise<IWebhookResponseData> {
	const choice = ctx.getNodeParameter('options', {}) as IncludeChoice;
	const wanted = table.filter((i) => (choice.include ?? []).includes(i.value) && i.events.includes(eventType));
	if (!wanted.length) return { workflowData: [ctx.helpers.returnJsonArray([json])] };

	respond(ctx, 200, 'ok');
	const out: IDataObject = { ...json };
	const binary: Record<string, IBinaryData> = {};
	let secrets: string[] = [];
	// "Listen for test event": everything but the files, unless asked.
	const files = choice.includeFiles === true && (ctx.getMode() !== 'manual' || choice.includeFilesInTest === true);
	const fail = (inclusion: Inclusion, error: unknown) => {
		const failure = error as { message?: string; description?: string | null };
		out.artefactError = {
			include: inclusion.value,
			message: redact(String(failure.message ?? error), secrets),
			...(failure.description ? { description: redact(String(failure.description), secrets) } : {}),
		} satisfies ArtefactError as unknown as IDataObject;
	};
	// The credential and the calls' context, made once for the delivery's inclusions; a failure is each one's error.
	const prepared = (async () => {
		const credentials = (await ctx.getCredentials(transport.credentialType)) as IDataObject;
		secrets = transport.secrets(credentials);
		const call: OperationContext['send'] = async (spec) => await send(ctx, transport, credentials, spec);
		return operationContext(ctx, transport, { itemIndex: 0, credentials, carried: [], send: call, once: onceIn(new Map()) });
	})();
	for (const inclusion of wanted) {
		try {
			const opCtx = await prepared;
			const outcome = await untilReady(opCtx, inclusion, event, choice.includeFiles === true, transport);
			if ('failure' in outcome) {
				fail(inclusion, outcome.failure);
				continue;
			}
			const { included } = outcome;
			out[inclusion.value] = included.json;
			const file = included.file;
			if (file && files) {
				if (isLinked(file)) {
					const { binary: data, bytes } = await opCtx.downloadBinary(file.url, file.fileName, file.mimeType);
					binary.data = data;
					if (bytes !== undefined) out[inclusion.value] = { ...included.json, fileSize: bytes };
				} else {
					binary.data = await ctx.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
				}
			} else if (file && choice.includeFiles === true) {
				out[inclusion.value] = { ...included.json, fileLeftOut: `${file.fileName}: not downloaded in test mode (Include Files in Test Mode)` };
			}
		} catch (error) {
			fail(inclusion, error);
		}
	}
	return { noWebhookResponse: true, workflowData: [[{ json: out, ...(Object.keys(binary).length ? { binary } : {}) }]] };
}
