import { Readable } from 'stream';
import { counted, readAll } from '../../../../nodes/shared/formats/streams';

it('counts the bytes relayed, once the relay is read to its end', async () => {
	const { stream, bytes } = counted(Readable.from([Buffer.from('abc'), Buffer.from('de')]));
	expect(bytes()).toBe(0);
	const relayed = await readAll(stream);
	expect(relayed.toString()).toBe('abcde');
	expect(bytes()).toBe(5);
});

it('reads a stream of text chunks as bytes', async () => {
	expect((await readAll(Readable.from(['{"error":', '"nope"}']))).toString('utf8')).toBe('{"error":"nope"}');
});
