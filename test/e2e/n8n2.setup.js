/** The jest project e2e-n8n2: the same e2e files, run against the pinned n8n 2.x on Node 24 (test/e2e/n8n.ts). */
process.env.VC_N8N_LINE = '2';
