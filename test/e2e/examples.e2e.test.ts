import { existsSync, readdirSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { parse } from 'flatted';
import ICAL from 'ical.js';
import jwt from 'jsonwebtoken';
import { startChatModelSimulator, text, type ChatModelSimulator } from '../simulators/chatModel';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { startMailCatcher, type MailCatcher } from '../simulators/mail';
import { startMiroTalkSimulator, type MiroTalkSimulator } from '../simulators/mirotalk';
import { BUNDLE, createRuntime, defaultPackages, freePort, n8nMajor, nodeOutput, nodeType, ROOT, startServer, workflowFor, type N8nRuntime, type N8nServer } from './n8n';

/**
 * Every workflow in examples/ is imported into a real n8n and run against the simulators, so none can rot. The
 * examples keep the bundle's node types (its users import them); the suite runs on the single packages, so each is
 * rewritten by scripts/to-single-packages.js first, as a user moving to the single packages would: this is the
 * proof that a rewritten bundle workflow runs on them.
 */
const EXAMPLES = join(ROOT, 'examples');
const CREDENTIALS: Record<string, { id: string; name: string }> = {
	dailyApi: { id: 'exampleDaily0001', name: 'Daily account' },
	digitalSambaApi: { id: 'exampleDigSamba1', name: 'Digital Samba account' },
	miroTalkApi: { id: 'exampleMiroTalk1', name: 'MiroTalk account' },
	smtp: { id: 'exampleSmtp00001', name: 'Mail catcher' },
	openAiApi: { id: 'exampleOpenAi001', name: 'Scripted chat model' },
};
const OPENAI_KEY = 'sk-example-openai-key-5b2d9e';

/** What was said in the meeting whose transcript the summary example reads (Ann twice in a row). */
const CUES: Array<[string, string]> = [
	['Ann', 'Morning all. The release goes out on Thursday.'],
	['Ann', 'Bo, can you finish the database migration by Wednesday?'],
	['Bo', 'Yes, it will be merged by Wednesday noon.'],
	['Chen', 'Who writes the release notes?'],
	['Ann', 'I will.'],
];
/** What the scripted model answers to that transcript (found by its first words). */
const SUMMARY = '- The release goes out on Thursday.\n- Bo: database migration merged by Wednesday noon.\n- Ann writes the release notes.';

/**
 * The oracle: a WebVTT file read here, not by the package's parser, as "Speaker: words" lines, one a run of cues of
 * one speaker (what the Daily Trigger's `transcript.text` holds). Each cue: its timing line, then `<v Speaker>words`.
 */
function speakerLines(vtt: string): string {
	const lines: Array<{ speaker: string; words: string }> = [];
	for (const block of vtt.trim().split(/\n\n+/)) {
		const rows = block.split('\n');
		const timing = rows.findIndex((row) => row.includes(' --> '));
		if (timing < 0) continue;
		const [, speaker, words] = /^<v ([^>]+)>(.+)$/.exec(rows.slice(timing + 1).join(' ')) as RegExpExecArray;
		const last = lines.at(-1);
		if (last?.speaker === speaker) last.words += ` ${words}`;
		else lines.push({ speaker, words });
	}
	return lines.map((l) => `${l.speaker}: ${l.words}`).join('\n');
}

let n8n: N8nRuntime;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;
let miroTalk: MiroTalkSimulator;
let mail: MailCatcher;
let model: ChatModelSimulator;

/** An example, rewritten for the installed packages, its credential references pointed at the simulators' credentials, and an id. */
function load(file: string, id: string) {
	const text = readFileSync(join(EXAMPLES, file), 'utf8');
	const workflow = workflowFor(text);
	// The example itself is the bundle's; what n8n gets names only the installed packages' types.
	const ours = (w: { nodes: Array<{ type: string }> }) => w.nodes.map((n) => n.type).filter((t) => !t.startsWith('n8n-nodes-base.') && !t.startsWith('@n8n/'));
	expect(ours(JSON.parse(text)).every((t) => t.startsWith(`${BUNDLE}.`))).toBe(true);
	expect(ours(workflow).every((t) => t === nodeType(t.slice(t.lastIndexOf('.') + 1)))).toBe(true);
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) node.credentials[type] = CREDENTIALS[type];
	}
	return { ...workflow, id, active: false };
}

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: 'example-daily-key' });
	ds = await startDigitalSambaSimulator({ developerKey: 'example-ds-key', teamId: '11111111-2222-4333-8444-555555555555' });
	miroTalk = await startMiroTalkSimulator({ product: 'sfu', apiKey: 'example-mirotalk-key' });
	mail = await startMailCatcher();
	model = await startChatModelSimulator({ apiKey: OPENAI_KEY, conversations: [{ prompt: /^Ann: Morning all\./, turns: [{ content: SUMMARY }] }] });
	n8n = createRuntime();
	await n8n.importCredentials([
		{ ...CREDENTIALS.dailyApi, type: 'dailyApi', data: { apiKey: 'example-daily-key', baseUrl: daily.url } },
		{ ...CREDENTIALS.digitalSambaApi, type: 'digitalSambaApi', data: { developerKey: 'example-ds-key', teamId: '', baseUrl: ds.url } },
		{ ...CREDENTIALS.miroTalkApi, type: 'miroTalkApi', data: { serverUrl: miroTalk.url.replace(/\/api\/v1$/, ''), apiKey: 'example-mirotalk-key', product: 'sfu' } },
		{ ...CREDENTIALS.smtp, type: 'smtp', data: { host: mail.host, port: mail.port, secure: false, disableStartTls: true, user: '', password: '' } },
		{ ...CREDENTIALS.openAiApi, type: 'openAiApi', data: { apiKey: OPENAI_KEY, url: model.url } },
	]);
}, 25 * 60_000);

afterAll(async () => {
	await triggers?.stop();
	await Promise.all([daily?.close(), ds?.close(), miroTalk?.close(), mail?.close(), model?.close()]);
	n8n?.cleanup();
});

it('has the documented examples', () => {
	expect(readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()).toEqual([
		'daily-book-meeting.json',
		'daily-recording-ready.json',
		'daily-recording-to-disk.json',
		'daily-tomorrows-meetings.json',
		'daily-transcript-summary.json',
		'digital-samba-classroom.json',
		'mirotalk-join-links.json',
	]);
});

it("Daily: tomorrow's meeting with host and guest links (Scheduled Meeting → Create or Get), one room however often it runs", async () => {
	await n8n.importWorkflow(load('daily-tomorrows-meetings.json', 'ExampleDaily0001'));
	const first = await n8n.execute('ExampleDaily0001');
	expect(first.result.code).toBe(0);
	const [links] = nodeOutput(first.run, 'Invite Links');
	expect(links.room).toMatch(/^mtg-standup-\d{4}-\d{2}-\d{2}-[0-9a-f]{16}$/);
	expect(links.hostLink).toMatch(new RegExp(`^https://sim\\.daily\\.co/${links.room}\\?t=.+\\..+\\..+$`));
	expect(links.guestLink).not.toBe(links.hostLink);
	const second = await n8n.execute('ExampleDaily0001');
	expect(second.result.code).toBe(0);
	expect(nodeOutput(second.run, 'Invite Links')[0].room).toBe(links.room);
	expect(daily.state.rooms.filter((room) => room.name === links.room)).toHaveLength(1);
}, 240_000);

it('Daily: book a meeting, then each person gets an email with their link and an .ics invite (mail catcher, ical.js)', async () => {
	await n8n.importWorkflow(load('daily-book-meeting.json', 'ExampleDailyBook'));
	const before = mail.messages.length;
	const { result, run } = await n8n.execute('ExampleDailyBook');
	expect(result.code).toBe(0);
	const people = nodeOutput(run, 'Book Meeting');
	expect(people.map((p) => p.email)).toEqual(['host@example.com', 'ana@example.com']);
	const messages = (await mail.waitFor(before + 2)).slice(before);
	for (const person of people) {
		const message = messages.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === person.email);
		expect(message?.subject).toBe(`Invitation: ${person.meeting.title}`);
		expect(message?.text).toContain(person.link);
		// The link works: a token Daily would accept for this room (HS256 with the API key, its room and domain).
		const token = new URL(person.link).searchParams.get('t') ?? '';
		expect(jwt.verify(token, 'example-daily-key', { algorithms: ['HS256'], ignoreNotBefore: true })).toMatchObject({ r: person.meeting.room.name, d: daily.state.domainId, u: person.name });
		expect(daily.state.rooms.some((room) => room.name === person.meeting.room.name)).toBe(true);
		// The invite, read by an iCalendar parser: title, times, the person as attendee, the link.
		const ics = message?.attachments.find((a) => a.contentType === 'text/calendar');
		const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics?.content.toString('utf8') ?? '')).getFirstSubcomponent('vevent') as ICAL.Component);
		expect(event.summary).toBe(person.meeting.title);
		expect(event.startDate.toJSDate().toISOString()).toBe(person.meeting.start);
		expect(event.endDate.toJSDate().toISOString()).toBe(person.meeting.end);
		expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([`mailto:${person.email}`]);
		expect(event.description).toContain(person.link);
	}
}, 240_000);

it('Digital Samba: classroom with a quiz and a poll', async () => {
	await n8n.importWorkflow(load('digital-samba-classroom.json', 'ExampleDigSamba1'));
	const { result, run } = await n8n.execute('ExampleDigSamba1');
	expect(result.code).toBe(0);
	expect(nodeOutput(run, 'Create Classroom')[0].friendly_url).toMatch(/^class-\d+$/);
	expect(nodeOutput(run, 'Create Quiz')[0]).toMatchObject({ title: 'Warm-up quiz' });
	const [poll] = nodeOutput(run, 'Create Poll');
	expect(poll).toMatchObject({ question: "How clear was today's lesson?" });
	// Results of a poll nobody has answered yet: the node ran and asked for this poll's results.
	expect(run?.data.resultData.runData['Poll Results']?.[0]?.error).toBeUndefined();
	expect(ds.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/polls/${poll.id}/results`))).toBe(true);
}, 240_000);

it('MiroTalk: a meeting and a join link for each person', async () => {
	await n8n.importWorkflow(load('mirotalk-join-links.json', 'ExampleMiroTalk1'));
	const { result, run } = await n8n.execute('ExampleMiroTalk1');
	expect(result.code).toBe(0);
	const [meeting] = nodeOutput(run, 'Create Meeting');
	const links = nodeOutput(run, 'Join Link');
	expect(links).toHaveLength(3);
	for (const [i, name] of ['Ann', 'Bo', 'Chen'].entries()) {
		const url = new URL(links[i].join);
		expect(url.searchParams.get('room')).toBe(meeting.room);
		expect(url.searchParams.get('name')).toBe(name);
	}
}, 240_000);

let triggers: N8nServer | undefined;

/**
 * The running n8n the trigger examples are activated in: one for them all (n8n sets up its owner once per user folder),
 * the examples imported before it starts. They write to /tmp: n8n 1.x lets a node write anywhere but n8n's own folder;
 * n8n 2.x only under ~/.n8n-files unless N8N_RESTRICT_FILE_ACCESS_TO names the folder (its default since 2.0), which a
 * 2.x user sets, as here.
 */
async function triggerServer(): Promise<N8nServer> {
	if (!triggers) {
		await n8n.importWorkflow(load('daily-recording-ready.json', 'ExampleDailyRec1'));
		await n8n.importWorkflow(load('daily-recording-to-disk.json', 'ExampleDailyDisk'));
		await n8n.importWorkflow(load('daily-transcript-summary.json', 'ExampleDailyTxt1'));
		triggers = await startServer(n8n, await freePort(), n8nMajor(n8n.bin) >= 2 ? { N8N_RESTRICT_FILE_ACCESS_TO: '/tmp' } : {});
	}
	return triggers;
}

/** Waits until the workflow has executions and none is still running; its executions. */
async function settledExecutions(server: N8nServer, workflowId: string) {
	let executions = await server.executions(workflowId);
	const finished = () => executions.length > 0 && executions.every((e) => !['new', 'running', 'waiting'].includes(e.status));
	for (let i = 0; i < 60 && !finished(); i++) {
		await new Promise((r) => setTimeout(r, 500));
		executions = await server.executions(workflowId);
	}
	return executions;
}

it('Daily: when a recording is ready, get its download link (trigger example, activated in a running n8n)', async () => {
	const server = await triggerServer();
	try {
		await server.activate('ExampleDailyRec1');
		const recording = daily.seedRecording('standup');
		expect(await daily.deliver('recording.ready-to-download', { type: 'cloud', recording_id: recording.id, room_name: 'standup', status: 'finished' })).toBe(200);
		const executions = await settledExecutions(server, 'ExampleDailyRec1');
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		const linkCalls = daily.requests.filter((r) => r.path === `/v1/recordings/${recording.id}/access-link`);
		expect(linkCalls).toHaveLength(1);
		await server.deactivate('ExampleDailyRec1');
		expect(daily.webhooks).toHaveLength(0);

		// n8n offers each action node to AI agents as a tool: its ...Tool variant is registered; triggers are not tools.
		const types = await server.getJson<Array<{ name: string }>>('/types/nodes.json');
		const names = types.map((t) => t.name);
		for (const tool of ['dailyTool', 'digitalSambaTool', 'miroTalkTool']) expect(names).toContain(nodeType(tool));
		const ours = names.filter((name) => /^(n8n-nodes-video-conferencing|n8n-nodes-daily|n8n-nodes-digital-samba|n8n-nodes-mirotalk)\./.test(name));
		// Only the installed packages' types: on the single packages, none of the bundle's.
		if (defaultPackages() === 'single') expect(ours.filter((name) => name.startsWith(`${BUNDLE}.`))).toEqual([]);
		expect(ours.filter((name) => /Trigger/.test(name) && /Tool$/.test(name))).toEqual([]);
	} finally {
		// The domain takes one webhook: the next trigger example needs it free.
		if (daily.webhooks.length) await server.deactivate('ExampleDailyRec1').catch(() => undefined);
	}
}, 240_000);

it('Daily: when a recording is ready, copy it to disk; Delete from Daily stays off (trigger example, activated in a running n8n)', async () => {
	const server = await triggerServer();
	const recording = daily.seedRecording('standup');
	const saved = `/tmp/standup-${recording.s3key.split('/').pop()}.mp4`;
	try {
		await server.activate('ExampleDailyDisk');
		const payload = {
			type: 'cloud', recording_id: recording.id, room_name: 'standup', start_ts: recording.start_ts, status: 'finished',
			max_participants: recording.max_participants, duration: recording.duration, s3_key: recording.s3key,
		};
		expect(await daily.deliver('recording.ready-to-download', payload)).toBe(200);
		const executions = await settledExecutions(server, 'ExampleDailyDisk');
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		// The file on disk is the one Daily's storage served, fetched once through the access link.
		expect(existsSync(saved)).toBe(true);
		expect(readFileSync(saved)).toEqual(daily.recordingFile(recording.id));
		expect(daily.downloads.filter((d) => d.path.endsWith(`/${recording.s3key}`)).map((d) => d.status)).toEqual([200]);
		// Delete from Daily is disabled in the example: Daily's copy stays.
		expect(daily.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/v1/recordings'))).toEqual([]);
		expect(daily.state.recordings.some((r) => r.id === recording.id)).toBe(true);
		await server.deactivate('ExampleDailyDisk');
		expect(daily.webhooks).toHaveLength(0);
	} finally {
		if (daily.webhooks.length) await server.deactivate('ExampleDailyDisk').catch(() => undefined);
		rmSync(saved, { force: true });
	}
}, 240_000);

it("Daily: when a transcript is ready, summarise it with n8n's Basic LLM Chain and a scripted chat model (trigger example, activated in a running n8n)", async () => {
	const server = await triggerServer();
	// A finished transcript whose access link serves its WebVTT file, each cue's speaker in a voice tag.
	const transcript = daily.seedTranscript('standup', { cues: CUES });
	const expected = speakerLines(transcript.vtt);
	expect(expected).toBe(
		'Ann: Morning all. The release goes out on Thursday. Bo, can you finish the database migration by Wednesday?\n' +
			'Bo: Yes, it will be merged by Wednesday noon.\nChen: Who writes the release notes?\nAnn: I will.',
	);
	try {
		await server.activate('ExampleDailyTxt1');
		// transcript.ready-to-download as Daily's event page shapes it: the transcript's id, its room and meeting session.
		const payload = {
			id: transcript.transcriptId, room_id: transcript.roomId, room_name: 'standup', mtg_session_id: transcript.mtgSessionId,
			status: 't_finished', duration: transcript.duration,
		};
		const downloadsBefore = daily.downloads.length;
		expect(await daily.deliver('transcript.ready-to-download', payload)).toBe(200);
		const executions = await settledExecutions(server, 'ExampleDailyTxt1');
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		// The trigger fetched the transcript once: its access link, then the file (no API key sent to the storage).
		expect(daily.requests.filter((r) => r.path === `/v1/transcript/${transcript.transcriptId}/access-link`)).toHaveLength(1);
		expect(daily.downloads.slice(downloadsBefore)).toEqual([expect.objectContaining({ method: 'GET', path: expect.stringMatching(/^\/storage\/text\//), status: 200, withAuthorization: false })]);

		// The model got the example's instruction, then the transcript's words by speaker as the user message.
		expect(model.calls).toHaveLength(1);
		const [call] = model.calls;
		expect(call.authorization).toBe(`Bearer ${OPENAI_KEY}`);
		expect(call.reply).toEqual({ content: SUMMARY });
		expect(call.request.messages.map((m) => m.role)).toEqual(['system', 'user']);
		expect(text(call.request.messages[0])).toMatch(/^You summarise meeting transcripts\./);
		expect(text(call.request.messages[1])).toBe(expected);

		// One summary item: the event's room and session, the transcript's ID and length, the model's answer.
		const { body } = await server.rest('GET', `/executions/${executions[0].id}`);
		const stored = body.data?.data ?? body.data;
		const run = typeof stored === 'string' ? parse(stored) : stored;
		const summary = run.resultData.runData.Summary[0].data.main[0].map((item: { json: unknown }) => item.json);
		expect(summary).toEqual([
			{ room: 'standup', meetingSessionId: transcript.mtgSessionId, transcriptId: transcript.transcriptId, summary: SUMMARY, transcriptChars: expected.length },
		]);
		expect(JSON.stringify(run)).not.toContain(OPENAI_KEY);
		await server.deactivate('ExampleDailyTxt1');
		expect(daily.webhooks).toHaveLength(0);
	} finally {
		if (daily.webhooks.length) await server.deactivate('ExampleDailyTxt1').catch(() => undefined);
	}
}, 240_000);
