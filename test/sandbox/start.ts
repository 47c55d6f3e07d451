import { spawn } from 'child_process';
import { existsSync, mkdirSync, rmSync } from 'fs';
import { join } from 'path';
import { startDailySimulator } from '../simulators/daily';
import { importInto, installN8n, installPackage, n8nBin, n8nEnv, ROOT } from '../e2e/n8n';

/**
 * The try-it sandbox (`npm start`): n8n with this package loaded, the provider simulators on loopback,
 * and credentials that point at them, so every node can be tried without a provider account.
 */
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const DAILY_PORT = Number(process.env.DAILY_SIM_PORT ?? 4010);
const SANDBOX_DAILY_KEY = 'sandbox-daily-key';

async function main(): Promise<void> {
	const userFolder = join(ROOT, '.sandbox');
	mkdirSync(userFolder, { recursive: true });
	const packageDir = join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-video-conferencing');
	if (existsSync(packageDir)) rmSync(packageDir, { recursive: true, force: true });
	installPackage(userFolder);
	const bin = n8nBin(installN8n());
	const env = n8nEnv(userFolder, { N8N_PORT: String(N8N_PORT), N8N_SECURE_COOKIE: 'false' });

	const daily = await startDailySimulator({ apiKey: SANDBOX_DAILY_KEY, port: DAILY_PORT, domainName: 'sandbox' });
	daily.seedRooms(3, 'sandbox-room');
	await importInto(bin, env, 'credentials', [
		{ id: 'sandboxDaily0001', name: 'Daily (local simulator)', type: 'dailyApi', data: { apiKey: SANDBOX_DAILY_KEY, baseUrl: daily.url } },
	]);

	const n8n = spawn(process.execPath, [bin, 'start'], { env, cwd: userFolder, stdio: 'inherit' });
	console.log(`\nDaily simulator: ${daily.url} (credential "Daily (local simulator)")`);
	console.log(`n8n: open http://127.0.0.1:${N8N_PORT} (first visit asks you to create a local owner account)\n`);
	const stop = () => {
		n8n.kill('SIGTERM');
		void daily.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.on('exit', (code) => void daily.close().then(() => process.exit(code ?? 0)));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
