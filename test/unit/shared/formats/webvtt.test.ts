import { cuesToText, parseWebVtt } from '../../../../nodes/shared/formats/webvtt';

describe('WebVTT', () => {
	it('reads voice tags and "Name:" prefixes, joining consecutive cues of a speaker', () => {
		const cues = parseWebVtt('WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\n<v.loud Ann>Hi <b>all</b>\r\n\r\n00:01.000 --> 00:02.000\r\nAnn: again\r\n\r\nNOTE a comment\r\n\r\n00:03.000 --> 00:04.000\r\nno speaker here\r\n');
		expect(cues).toEqual([
			{ start: '00:00.000', end: '00:01.000', speaker: 'Ann', text: 'Hi all' },
			{ start: '00:01.000', end: '00:02.000', speaker: 'Ann', text: 'again' },
			{ start: '00:03.000', end: '00:04.000', speaker: undefined, text: 'no speaker here' },
		]);
		expect(cuesToText(cues)).toBe('Ann: Hi all again\nno speaker here');
	});
});
