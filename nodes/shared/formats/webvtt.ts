export interface Cue {
	start: string;
	end: string;
	speaker?: string;
	text: string;
}

const TIMING = /^(\S+)\s+-->\s+(\S+)/;

/** Parses WebVTT cues; a `<v Name>` voice tag or a leading "Name:" becomes the speaker. */
export function parseWebVtt(vtt: string): Cue[] {
	const cues: Cue[] = [];
	for (const block of vtt.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
		const lines = block.split('\n').filter((l) => l.trim() !== '');
		const timingIndex = lines.findIndex((l) => TIMING.test(l));
		if (timingIndex < 0) continue;
		const [, start, end] = TIMING.exec(lines[timingIndex]) as RegExpExecArray;
		let raw = lines.slice(timingIndex + 1).join(' ').trim();
		let speaker: string | undefined;
		const voice = /^<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(raw);
		if (voice) {
			speaker = voice[1].trim();
			raw = raw.slice(voice[0].length);
		} else {
			const named = /^([^:<>]{1,60}):\s+/.exec(raw);
			if (named) {
				speaker = named[1].trim();
				raw = raw.slice(named[0].length);
			}
		}
		const text = raw.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
		if (text) cues.push({ start, end, speaker, text });
	}
	return cues;
}

/** "Speaker: text" lines, consecutive cues of one speaker joined, for a person or an AI agent to read. */
export function cuesToText(cues: Cue[]): string {
	const lines: Array<{ speaker?: string; text: string }> = [];
	for (const cue of cues) {
		const last = lines[lines.length - 1];
		if (last && last.speaker === cue.speaker) last.text += ` ${cue.text}`;
		else lines.push({ speaker: cue.speaker, text: cue.text });
	}
	return lines.map((l) => (l.speaker ? `${l.speaker}: ${l.text}` : l.text)).join('\n');
}
