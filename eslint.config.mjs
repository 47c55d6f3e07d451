/**
 * The lint n8n's package scanner runs before it verifies a community node (@n8n/scan-community-package,
 * scanner.mjs `buildScanConfig`): @n8n/eslint-plugin-community-nodes' recommended config, no-console, and
 * eslint-plugin-n8n-nodes-base's community, credentials and nodes rule sets with the scanner's own off-overrides,
 * inline config off. The scanner lints the attested sources (package.json, nodes/, credentials/: `npm run lint`) and
 * the tarball's compiled JavaScript (`scanConfig`, through scripts/scan-tarball.mjs).
 */
import { defineConfig } from 'eslint/config';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';

export const scanConfig = defineConfig(
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser: tsParser } },
);

/** The repository's lint: the scanner's config, minus what is not shipped (dist/ is scanned as the tarball). */
export default defineConfig({ ignores: ['node_modules/**', 'dist/**', '.build/**', 'test/**', 'bench/**', '**/package-lock.json'] }, scanConfig);
