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
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
