import { spawn } from 'child_process';
import { mkdirSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { startDailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator } from '../simulators/digitalSamba';
import { startMailCatcher } from '../simulators/mail';
import { startMiroTalkSimulator } from '../simulators/mirotalk';
import { importInto, installN8n, installPackages, n8nBin, n8nEnv, ROOT, SINGLE_PACKAGES, workflowFor } from '../e2e/n8n';

/**
 * The try-it sandbox (`npm start`): n8n with the three single-service packages loaded (what users install), the
 * provider simulators on loopback, and credentials that point at them, so every node can be tried without a provider
 * account. The examples keep the bundle's node types; they are imported rewritten by scripts/to-single-packages.js.
 */
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const DAILY_PORT = Number(process.env.DAILY_SIM_PORT ?? 4010);
const DS_PORT = Number(process.env.DIGITAL_SAMBA_SIM_PORT ?? 4020);
const MIROTALK_PORT = Number(process.env.MIROTALK_SIM_PORT ?? 4030);
const SMTP_PORT = Number(process.env.SMTP_CATCHER_PORT ?? 2525);
const SANDBOX_DAILY_KEY = 'sandbox-daily-key';
const SANDBOX_DS_KEY = 'sandbox-digital-samba-key';
const SANDBOX_DS_TEAM = '00000000-0000-4000-8000-000000000001';
const SANDBOX_MIROTALK_KEY = 'sandbox-mirotalk-key';

async function main(): Promise<void> {
	const userFolder = join(ROOT, '.sandbox');
	mkdirSync(userFolder, { recursive: true });
	// Replaces whatever an earlier start installed (the bundle, before the single packages).
	installPackages(userFolder, SINGLE_PACKAGES);
	const bin = n8nBin(installN8n());
	const env = n8nEnv(userFolder, { N8N_PORT: String(N8N_PORT), N8N_SECURE_COOKIE: 'false' });

	const daily = await startDailySimulator({ apiKey: SANDBOX_DAILY_KEY, port: DAILY_PORT, domainName: 'sandbox' });
	daily.seedRooms(3, 'sandbox-room');
	const ds = await startDigitalSambaSimulator({ developerKey: SANDBOX_DS_KEY, teamId: SANDBOX_DS_TEAM, port: DS_PORT, domain: 'sandbox' });
	for (let i = 0; i < 3; i++) ds.seedRoom({ friendly_url: `sandbox-room-${i}` });
	// SFU with every endpoint on, so every MiroTalk operation can be tried.
	const miroTalk = await startMiroTalkSimulator({
		product: 'sfu',
		apiKey: SANDBOX_MIROTALK_KEY,
		port: MIROTALK_PORT,
		allowed: { meetings: true, meetingEnd: true, token: true },
	});
	// Email the examples send (Send Email node) lands here, each message saved as an .eml file to open in a mail app.
	const mailFolder = join(userFolder, 'mail');
	const mail = await startMailCatcher({ port: SMTP_PORT, folder: mailFolder });
	await importInto(bin, env, 'credentials', [
		{ id: 'sandboxDaily0001', name: 'Daily (local simulator)', type: 'dailyApi', data: { apiKey: SANDBOX_DAILY_KEY, baseUrl: daily.url } },
		{ id: 'sandboxDigSamba1', name: 'Digital Samba (local simulator)', type: 'digitalSambaApi', data: { developerKey: SANDBOX_DS_KEY, teamId: SANDBOX_DS_TEAM, baseUrl: ds.url } },
		{ id: 'sandboxMiroTalk1', name: 'MiroTalk SFU (local simulator)', type: 'miroTalkApi', data: { serverUrl: `http://127.0.0.1:${MIROTALK_PORT}`, apiKey: SANDBOX_MIROTALK_KEY, product: 'sfu' } },
		{ id: 'sandboxSmtp00001', name: 'Local mail catcher', type: 'smtp', data: { host: mail.host, port: mail.port, secure: false, disableStartTls: true, user: '', password: '' } },
	]);
	// The example workflows, rewritten for the single packages, their credentials pointed at the simulators (same id
	// each start: re-imports replace them).
	const sandboxCredentials: Record<string, { id: string; name: string }> = {
		dailyApi: { id: 'sandboxDaily0001', name: 'Daily (local simulator)' },
		digitalSambaApi: { id: 'sandboxDigSamba1', name: 'Digital Samba (local simulator)' },
		miroTalkApi: { id: 'sandboxMiroTalk1', name: 'MiroTalk SFU (local simulator)' },
		smtp: { id: 'sandboxSmtp00001', name: 'Local mail catcher' },
	};
	const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort();
	for (const [index, file] of examples.entries()) {
		const workflow = workflowFor(readFileSync(join(ROOT, 'examples', file), 'utf8'), 'single');
		for (const node of workflow.nodes) {
			for (const type of Object.keys(node.credentials ?? {})) node.credentials[type] = sandboxCredentials[type];
		}
		await importInto(bin, env, 'workflow', [{ ...workflow, id: `sandboxExample${String(index).padStart(2, '0')}`, active: false }]);
	}
	const closeAll = () => Promise.all([daily.close(), ds.close(), miroTalk.close(), mail.close()]);

	const n8n = spawn(process.execPath, [bin, 'start'], { env, cwd: userFolder, stdio: 'inherit' });
	console.log(`\nPackages: ${SINGLE_PACKAGES.join(', ')}`);
	console.log(`Simulators: Daily ${daily.url}, Digital Samba ${ds.url}, MiroTalk SFU http://127.0.0.1:${MIROTALK_PORT}`);
	console.log(`Mail catcher: smtp://${mail.host}:${mail.port}, messages saved in ${mailFolder}`);
	console.log('Credentials: "Daily (local simulator)", "Digital Samba (local simulator)", "MiroTalk SFU (local simulator)", "Local mail catcher"');
	console.log(`Example workflows imported: ${examples.join(', ')}`);
	console.log(`n8n: open http://127.0.0.1:${N8N_PORT} (first visit asks you to create a local owner account)\n`);
	const stop = () => {
		n8n.kill('SIGTERM');
		void closeAll().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.on('exit', (code) => void closeAll().then(() => process.exit(code ?? 0)));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
