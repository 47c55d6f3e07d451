// Every parameter default of the six nodes, `<name> @ <product,resource,operation>` → default. Run on a build to
// pin them (`node scripts/dump-defaults.js dist > test/fixtures/pinned-defaults.json`); the test reads the sources.
const path = require('path');

const NODES = { Daily: 'Daily/Daily.node', DailyTrigger: 'Daily/DailyTrigger.node', DigitalSamba: 'DigitalSamba/DigitalSamba.node', DigitalSambaTrigger: 'DigitalSamba/DigitalSambaTrigger.node', MiroTalk: 'MiroTalk/MiroTalk.node', MiroTalkTrigger: 'MiroTalk/MiroTalkTrigger.node' };

/** The defaults of one node description, collection fields under their collection. */
function defaultsOf(description) {
	const entries = {};
	const walk = (props, prefix) => {
		for (const p of props) {
			if (p.type === 'notice') continue;
			const show = (p.displayOptions && p.displayOptions.show) || {};
			const where = ['product', 'resource', 'operation', '@version'].filter((k) => show[k]).map((k) => `${k}=${[].concat(show[k]).join('|')}`).join(',');
			const key = `${prefix}${p.name}${where ? ` @ ${where}` : ''}`;
			entries[key] = p.default;
			for (const o of p.options || []) {
				if (o.type) walk([o], `${key} > `);
				else if (o.values) walk(o.values, `${key} > ${o.name} > `);
			}
		}
	};
	walk(description.properties, '');
	return entries;
}

/** The defaults of the six nodes, loaded by `load(file)` (a require of the built or the source module). */
function allDefaults(load) {
	return Object.fromEntries(Object.entries(NODES).map(([cls, file]) => [cls, defaultsOf(new (load(file)[cls])().description)]));
}

module.exports = { allDefaults, defaultsOf };

if (require.main === module) {
	const root = path.resolve(process.argv[2] || 'dist');
	process.stdout.write(JSON.stringify(allDefaults((file) => require(path.join(root, 'nodes', file))), null, '\t') + '\n');
}
