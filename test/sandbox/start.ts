import { type ChildProcess, spawn } from 'child_process';
import { mkdirSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { startDailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator } from '../simulators/digitalSamba';
import { startChatModelSimulator, text } from '../simulators/chatModel';
import { startMailCatcher } from '../simulators/mail';
import { startMiroTalkSimulator } from '../simulators/mirotalk';
import { importInto, installN8n, installPackages, n8nBin, n8nEnv, ROOT, SINGLE_PACKAGES, workflowFor } from '../e2e/n8n';
import { startEventsPage } from './events';
import { activeMiroTalkTriggers } from './n8nTriggers';

/**
 * The try-it sandbox (`npm start`): n8n with the three single-service packages loaded (what users install), the
 * provider simulators on loopback, and credentials that point at them, so every node can be tried without a provider
 * account. The examples keep the bundle's node types; they are imported rewritten by scripts/to-single-packages.js.
 * The events page (./events.ts) fires provider events at the active triggers.
 *
 * SIGTERM or SIGINT (Ctrl-C; `npm start` passes both on, its script chain ends in `exec`) stops n8n, waiting for it
 * to exit (killed after STOP_TIMEOUT_MS), then closes the simulators, the mail catcher and the events page, and exits.
 */
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const DAILY_PORT = Number(process.env.DAILY_SIM_PORT ?? 4010);
const DS_PORT = Number(process.env.DIGITAL_SAMBA_SIM_PORT ?? 4020);
const MIROTALK_PORT = Number(process.env.MIROTALK_SIM_PORT ?? 4030);
const SMTP_PORT = Number(process.env.SMTP_CATCHER_PORT ?? 2525);
const EVENTS_PORT = Number(process.env.SANDBOX_EVENTS_PORT ?? 4000);
const CHAT_MODEL_PORT = Number(process.env.CHAT_MODEL_SIM_PORT ?? 4040);
/** The scripted chat model's key (an OpenAI-shaped API on loopback, for the examples' AI nodes). */
const SANDBOX_CHAT_MODEL_KEY = 'sandbox-chat-model-key';
/** The n8n user folder (database, installed packages, caught mail); `.sandbox` in the clone unless SANDBOX_FOLDER is set. */
const FOLDER = process.env.SANDBOX_FOLDER ? resolve(process.env.SANDBOX_FOLDER) : join(ROOT, '.sandbox');
const SANDBOX_DAILY_KEY = 'sandbox-daily-key';
const SANDBOX_DS_KEY = 'sandbox-digital-samba-key';
const SANDBOX_DS_TEAM = '00000000-0000-4000-8000-000000000001';
const SANDBOX_MIROTALK_KEY = 'sandbox-mirotalk-key';
/** The MiroTalk credential's Webhook Token: the MiroTalk Trigger (1.1) needs one, and the events page sends it. */
const SANDBOX_MIROTALK_WEBHOOK_TOKEN = 'sandbox-mirotalk-webhook-token';
/** How long n8n gets to shut down before it is killed. */
const STOP_TIMEOUT_MS = 20_000;

/** What to close on the way out, in start order (closed in reverse). */
const closers: Array<() => Promise<void>> = [];
let n8n: ChildProcess | undefined;
let stopping: Promise<void> | undefined;

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Signals n8n's process group (its own: n8n is started detached, so only this process signals it). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		process.kill(-(child.pid as number), signal);
	} catch {
		// the group is gone
	}
}

/** SIGTERM, then waits for n8n to exit (n8n deactivates its triggers and closes its database); SIGKILL after the timeout. */
async function stopN8n(child: ChildProcess): Promise<void> {
	if (running(child)) {
		const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => {
			console.error(`n8n did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
			signalGroup(child, 'SIGKILL');
		}, STOP_TIMEOUT_MS);
		await exited;
		clearTimeout(timer);
	}
	// Anything n8n left behind in its process group (a task runner, say).
	signalGroup(child, 'SIGKILL');
}

/** Stops everything once, however often it is asked (Ctrl-C reaches this process from the terminal and from npm). */
function stop(code: number, reason?: string): Promise<void> {
	stopping ??= (async () => {
		if (reason) console.log(`\n${reason}: stopping the sandbox …`);
		if (n8n) await stopN8n(n8n);
		const closing = Promise.allSettled(closers.reverse().map((close) => close()));
		// Exiting frees every port anyway: a server that does not close in time holds no one up.
		await Promise.race([closing, new Promise((r) => setTimeout(r, 5000).unref())]);
		console.log('Sandbox stopped.');
		process.exit(code);
	})();
	return stopping;
}

async function main(): Promise<void> {
	process.on('SIGINT', () => void stop(0, 'SIGINT'));
	process.on('SIGTERM', () => void stop(0, 'SIGTERM'));
	const userFolder = FOLDER;
	mkdirSync(userFolder, { recursive: true });
	// Replaces whatever an earlier start installed (the bundle, before the single packages).
	installPackages(userFolder, SINGLE_PACKAGES);
	const n8nHome = installN8n();
	const bin = n8nBin(n8nHome);
	const env = n8nEnv(userFolder, { N8N_PORT: String(N8N_PORT), N8N_SECURE_COOKIE: 'false' });
	const n8nUrl = `http://127.0.0.1:${N8N_PORT}`;

	const daily = await startDailySimulator({ apiKey: SANDBOX_DAILY_KEY, port: DAILY_PORT, domainName: 'sandbox' });
	closers.push(() => daily.close());
	daily.seedRooms(3, 'sandbox-room');
	const ds = await startDigitalSambaSimulator({ developerKey: SANDBOX_DS_KEY, teamId: SANDBOX_DS_TEAM, port: DS_PORT, domain: 'sandbox' });
	closers.push(() => ds.close());
	for (let i = 0; i < 3; i++) ds.seedRoom({ friendly_url: `sandbox-room-${i}` });
	// SFU with every endpoint on, so every MiroTalk operation can be tried.
	const miroTalk = await startMiroTalkSimulator({
		product: 'sfu',
		apiKey: SANDBOX_MIROTALK_KEY,
		port: MIROTALK_PORT,
		allowed: { meetings: true, meetingEnd: true, token: true },
	});
	closers.push(() => miroTalk.close());
	// Email the examples send (Send Email node) lands here, each message saved as an .eml file to open in a mail app.
	const mailFolder = join(userFolder, 'mail');
	const mail = await startMailCatcher({ port: SMTP_PORT, folder: mailFolder });
	closers.push(() => mail.close());
	// The AI nodes of examples/daily-transcript-summary.json ask this scripted model, which answers any request with a
	// reply that says what it was given: no model account needed, and no pretence of a real summary.
	const chatModel = await startChatModelSimulator({
		apiKey: SANDBOX_CHAT_MODEL_KEY,
		port: CHAT_MODEL_PORT,
		conversations: [{
			prompt: /[\s\S]*/,
			turns: [(request) => {
				const said = text(request.messages.find((m) => m.role === 'user'));
				const speakers = [...new Set([...said.matchAll(/^([^:\n]{1,60}):/gm)].map((m) => m[1]))];
				return { content: `(Scripted sandbox model, not a summary.) I was given ${said.split('\n').length} lines from ${speakers.length ? speakers.join(', ') : 'no named speaker'}. Give the OpenAI Chat Model node your own credential for a real summary.` };
			}],
		}],
	});
	closers.push(() => chatModel.close());
	// What the events page's default payloads refer to: a finished Daily recording and transcript (so
	// examples/daily-recording-ready.json's "Get Download Link" finds its recording) and a Digital Samba recording.
	const dailyRoom = 'sandbox-room-0';
	const dailyRecording = daily.seedRecording(dailyRoom);
	const dailyTranscript = daily.seedTranscript(dailyRoom);
	const dsRoom = ds.state.rooms.find((room) => room.friendly_url === 'sandbox-room-0');
	if (!dsRoom) throw new Error('the Digital Samba simulator lost its seeded room');
	const dsRecording = ds.seedRecording(dsRoom.id);
	const events = await startEventsPage({
		port: EVENTS_PORT,
		daily,
		ds,
		miroTalkTriggers: () => activeMiroTalkTriggers({ n8nHome, userFolder, encryptionKey: env.N8N_ENCRYPTION_KEY as string, n8nUrl }),
		seeds: {
			dailyRoom,
			dailyRecordingId: dailyRecording.id,
			dailyTranscriptId: dailyTranscript.transcriptId,
			dsRoomId: dsRoom.id,
			dsRoomName: dsRoom.friendly_url as string,
			dsRecordingId: dsRecording.id,
			miroTalkRoom: 'sandbox-meeting',
		},
	});
	closers.push(() => events.close());

	await importInto(bin, env, 'credentials', [
		{ id: 'sandboxDaily0001', name: 'Daily (local simulator)', type: 'dailyApi', data: { apiKey: SANDBOX_DAILY_KEY, baseUrl: daily.url } },
		{ id: 'sandboxDigSamba1', name: 'Digital Samba (local simulator)', type: 'digitalSambaApi', data: { developerKey: SANDBOX_DS_KEY, teamId: SANDBOX_DS_TEAM, baseUrl: ds.url } },
		{
			id: 'sandboxMiroTalk1',
			name: 'MiroTalk SFU (local simulator)',
			type: 'miroTalkApi',
			data: { serverUrl: `http://127.0.0.1:${MIROTALK_PORT}`, apiKey: SANDBOX_MIROTALK_KEY, product: 'sfu', webhookToken: SANDBOX_MIROTALK_WEBHOOK_TOKEN },
		},
		{ id: 'sandboxSmtp00001', name: 'Local mail catcher', type: 'smtp', data: { host: mail.host, port: mail.port, secure: false, disableStartTls: true, user: '', password: '' } },
		{ id: 'sandboxChatModel', name: 'Scripted chat model (local simulator)', type: 'openAiApi', data: { apiKey: SANDBOX_CHAT_MODEL_KEY, url: chatModel.url } },
	]);
	// The example workflows, rewritten for the single packages, their credentials pointed at the simulators (same id
	// each start: re-imports replace them, inactive).
	const sandboxCredentials: Record<string, { id: string; name: string }> = {
		dailyApi: { id: 'sandboxDaily0001', name: 'Daily (local simulator)' },
		digitalSambaApi: { id: 'sandboxDigSamba1', name: 'Digital Samba (local simulator)' },
		miroTalkApi: { id: 'sandboxMiroTalk1', name: 'MiroTalk SFU (local simulator)' },
		smtp: { id: 'sandboxSmtp00001', name: 'Local mail catcher' },
		openAiApi: { id: 'sandboxChatModel', name: 'Scripted chat model (local simulator)' },
	};
	const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort();
	const workflows = examples.map((file, index) => {
		const workflow = workflowFor(readFileSync(join(ROOT, 'examples', file), 'utf8'), 'single');
		for (const node of workflow.nodes) {
			for (const type of Object.keys(node.credentials ?? {})) node.credentials[type] = sandboxCredentials[type];
		}
		return { ...workflow, id: `sandboxExample${String(index).padStart(2, '0')}`, active: false };
	});
	// One import for all of them: each n8n CLI command takes seconds to start.
	await importInto(bin, env, 'workflow', workflows);
	if (stopping) return;

	// Detached: its own process group, which stopN8n() can kill whole. Only this process signals it.
	n8n = spawn(process.execPath, [bin, 'start'], { env, cwd: userFolder, stdio: 'inherit', detached: true });
	n8n.on('exit', (code, signal) => void stop(code ?? (signal ? 1 : 0), stopping ? undefined : `n8n exited (${signal ?? `code ${code}`})`));
	console.log(`\nPackages: ${SINGLE_PACKAGES.join(', ')}`);
	console.log(`Simulators: Daily ${daily.url}, Digital Samba ${ds.url}, MiroTalk SFU http://127.0.0.1:${MIROTALK_PORT}`);
	console.log(`Mail catcher: smtp://${mail.host}:${mail.port}, messages saved in ${mailFolder}`);
	console.log(`Scripted chat model: ${chatModel.url} (OpenAI-shaped; says what it was given, writes no real summary)`);
	console.log('Credentials: "Daily (local simulator)", "Digital Samba (local simulator)", "MiroTalk SFU (local simulator)", "Local mail catcher", "Scripted chat model (local simulator)"');
	console.log(`Example workflows imported: ${examples.join(', ')}`);
	console.log(`Events page: ${events.url} fires Daily, Digital Samba and MiroTalk events at the active triggers (or: npm run sandbox:event -- daily recording.ready-to-download)`);
	console.log(`n8n: open ${n8nUrl} (first visit asks you to create a local owner account)\n`);
}

main().catch((error) => {
	console.error(error);
	void stop(1);
});
