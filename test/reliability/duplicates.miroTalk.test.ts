import { MiroTalk } from '../../nodes/MiroTalk/MiroTalk.node';
import { unrepeatableOperations } from '../helpers/duplicates';

/**
 * MiroTalk has no call that could be done twice: its POSTs compute and store nothing (SFU ServerApi.getMeetingURL,
 * getJoinURL and token, P2P/C2C/BRO api.js build a URL or sign a JWT; see test/simulators/mirotalk.ts), and Meeting →
 * End is a DELETE. So the duplicates scenario has no MiroTalk case, and the node retries all of them; a MiroTalk
 * operation that starts sending once needs a case in a duplicates test first.
 */
it('no MiroTalk operation is sent only once: the duplicates scenario has nothing to run for it', () => {
	expect(unrepeatableOperations(new MiroTalk())).toEqual([]);
});
