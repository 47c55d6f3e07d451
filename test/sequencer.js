/** jest's own order, except that the secrets scan of the e2e run comes after every other test file. */
const Sequencer = require('@jest/test-sequencer').default;

const LAST = /secrets\.e2e\.test\.ts$/;

class LastScanSequencer extends Sequencer {
	async sort(tests) {
		const sorted = await super.sort(tests);
		return [...sorted.filter((t) => !LAST.test(t.path)), ...sorted.filter((t) => LAST.test(t.path))];
	}
}

module.exports = LastScanSequencer;
