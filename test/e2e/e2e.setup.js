/**
 * Both e2e jest projects: the suite installs the three single-service packages side by side (what users install),
 * unless VC_E2E_PACKAGES=bundle is given. The bundle keeps its own smoke run (test/e2e/bundle.e2e.test.ts), and
 * bench/ measures the bundle (test/e2e/n8n.ts, defaultPackages()).
 */
process.env.VC_E2E_PACKAGES = process.env.VC_E2E_PACKAGES === 'bundle' ? 'bundle' : 'single';
