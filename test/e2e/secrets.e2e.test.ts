import { recordFigure } from '../helpers/figures';
import { capturedTexts, registeredSecrets } from './capture';

/**
 * Runs last (test/sequencer.js): searches everything the e2e run captured from n8n (node outputs and errors,
 * CLI and server logs, REST answers) for every API key, webhook secret and token the run used.
 */
it('no API key, webhook secret or token appears in any output, error or log line of the e2e run', () => {
	const texts = capturedTexts();
	const secrets = registeredSecrets();
	const lines = texts.reduce((sum, { text }) => sum + text.split('\n').length, 0);
	const hits = secrets.flatMap((secret) =>
		texts.flatMap(({ file, text }) =>
			text
				.split('\n')
				.map((line, index) => ({ line, index }))
				.filter(({ line }) => line.includes(secret))
				// Only where it was found, never the secret itself.
				.map(({ index }) => `${file}:${index + 1} holds secret #${secrets.indexOf(secret) + 1}`),
		),
	);
	recordFigure({
		scenario: '5. Secrets',
		measured: `${hits.length} hits of ${secrets.length} secrets in ${lines.toLocaleString('en')} lines of output and logs`,
		goal: '0 hits',
		met: hits.length === 0,
	});
	// Run with the other e2e files (alone it has nothing to search): each of them captures its n8n.
	expect(texts.length).toBeGreaterThan(0);
	expect(secrets.length).toBeGreaterThan(0);
	expect(lines).toBeGreaterThan(100);
	expect(hits).toEqual([]);
});
