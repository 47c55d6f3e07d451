import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { MiroTalkApi } from '../../../credentials/MiroTalkApi.credentials';
import { MiroTalk } from '../../../nodes/MiroTalk/MiroTalk.node';
import { createContext } from '../../helpers/context';
import { startMiroTalkSimulator } from '../../simulators/mirotalk';

describe('MiroTalk SFU picker: the rooms with a meeting now', () => {
	it('lists the rooms GET /api/v1/meetings answers, with their peer counts', async () => {
		const sim = await startMiroTalkSimulator({ product: 'sfu', apiKey: 'sfu-key', allowed: { meetings: true } });
		try {
			sim.addPeer('standup');
			sim.addPeer('standup');
			sim.addPeer('R&D review');
			const ctx = createContext({ parameters: {}, credentials: { serverUrl: sim.url, apiKey: 'sfu-key', product: 'sfu' }, credentialType: new MiroTalkApi() }) as unknown as ILoadOptionsFunctions;
			const { results } = await new MiroTalk().methods.listSearch.searchMeetings.call(ctx);
			expect(results.map((r) => [r.value, r.name]).sort()).toEqual([['R&D review', 'R&D review · 1 in the meeting'], ['standup', 'standup · 2 in the meeting']]);
		} finally {
			await sim.close();
		}
	});
});
