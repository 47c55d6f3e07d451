/** Unit and integration tests (jest + nock) and the end-to-end suite in a real n8n. */
const common = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};

module.exports = {
	// The e2e suite runs n8n and simulators as child processes and servers; never let a stray handle hold CI.
	forceExit: true,
	// The reliability figures are printed as one table at the end; the e2e secrets scan runs last.
	reporters: ['default', '<rootDir>/test/reporters/figures.js'],
	testSequencer: '<rootDir>/test/sequencer.js',
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		// Load and fault scenarios (thousands of calls and deliveries against the simulators): most of the time
		// outside the e2e suite, so a project of their own (npm run test:reliability).
		{ ...common, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.test.ts'] },
		// The e2e suite runs on the three single-service packages (test/e2e/e2e.setup.js).
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], setupFiles: ['<rootDir>/test/e2e/e2e.setup.js'] },
		// `npm run bench` at its smoke sizes (bench/smoke.test.ts), in the e2e suite's n8n 1.x: a broken bench fails CI.
		{ ...common, displayName: 'bench', testMatch: ['<rootDir>/bench/**/*.test.ts'] },
		// The same e2e files against n8n 2.x on Node 24 (VC_N8N_LINE=2); the queue-mode test runs on 1.x only.
		{
			...common,
			displayName: 'e2e-n8n2',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			// The editor test drives n8n 1.x's editor (2.x's differs): 1.x is the one required.
			// The large-download test measures n8n 1.x's process (filesystem binary data, as self-hosted users run it).
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/queue\\.e2e\\.test\\.ts$', '<rootDir>/test/e2e/editor\\.e2e\\.test\\.ts$', '<rootDir>/test/e2e/largeDownload\\.e2e\\.test\\.ts$'],
			setupFiles: ['<rootDir>/test/e2e/e2e.setup.js', '<rootDir>/test/e2e/n8n2.setup.js'],
		},
	],
};
