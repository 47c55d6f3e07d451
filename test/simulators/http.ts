import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

/** What a simulator route sees of a request. */
export interface SimRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	rawBody: string;
	body: any;
	/** The body as received, byte for byte (multipart uploads, binary files). */
	rawBytes?: Buffer;
}

export interface SimResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Destroy the socket instead of answering (a connection reset, for fault injection). */
	destroy?: boolean;
}

export type Handler = (req: SimRequest, params: Record<string, string>) => SimResponse | Promise<SimResponse>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

/** A tiny router: `/rooms/:name` style paths, JSON in and out. */
export class Router {
	private routes: Route[] = [];

	on(method: string, path: string, handler: Handler): this {
		const keys: string[] = [];
		const pattern = new RegExp(
			`^${path.replace(/:(\w+)/g, (_, key) => {
				keys.push(key);
				return '([^/]+)';
			})}/?$`,
		);
		this.routes.push({ method, pattern, keys, handler });
		return this;
	}

	match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const m = route.pattern.exec(path);
			if (m) {
				const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
				return { handler: route.handler, params };
			}
		}
		return undefined;
	}
}

export interface SimServer {
	url: string;
	port: number;
	server: Server;
	close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Starts an HTTP server on a free loopback port that answers through `handle`. */
export async function listen(
	handle: (req: SimRequest) => Promise<SimResponse | undefined>,
	port = 0,
): Promise<SimServer> {
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const rawBytes = await readBody(req);
			const rawBody = rawBytes.toString('utf8');
			let body: unknown;
			try {
				body = rawBody ? JSON.parse(rawBody) : undefined;
			} catch {
				body = Symbol.for('invalid-json');
			}
			const result = await handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, rawBody, body, rawBytes });
			if (!result) return; // the handler dropped the connection
			if (result.destroy) {
				req.socket.destroy();
				return;
			}
			const raw = Buffer.isBuffer(result.body);
			const text = result.body === undefined ? '' : raw || typeof result.body === 'string' ? (result.body as string | Buffer) : JSON.stringify(result.body);
			res.writeHead(result.status, {
				...(result.body !== undefined && !raw && typeof result.body !== 'string' ? { 'content-type': 'application/json' } : {}),
				...result.headers,
			});
			res.end(text);
		})().catch((error) => {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: 'simulator-error', info: String(error) }));
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const actual = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${actual}`,
		port: actual,
		server,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/** Delays every answer by `ms` (a fixed network-plus-server latency, for benchmarks); no delay when 0 or absent. */
export function withLatency(
	handle: (req: SimRequest) => Promise<SimResponse | undefined>,
	ms?: number,
	onArrival?: (req: SimRequest) => void,
): (req: SimRequest) => Promise<SimResponse | undefined> {
	if (!ms && !onArrival) return handle;
	return async (req) => {
		onArrival?.(req);
		if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
		return await handle(req);
	};
}

/** A limit of `limit` requests in any `windowMs`. */
export interface RateWindow {
	limit: number;
	windowMs: number;
}

/**
 * Sliding-window rate limits over accepted requests (a refused request does not count).
 * `check` answers undefined when a request fits every window (and records it), otherwise the seconds
 * until it would fit, for a Retry-After header.
 */
export function slidingWindows(windows: RateWindow[], now: () => number = Date.now) {
	const longest = Math.max(0, ...windows.map((w) => w.windowMs));
	const accepted: number[] = []; // arrival times, ascending
	let refused = 0;
	return {
		check(): number | undefined {
			const t = now();
			while (accepted.length && accepted[0] <= t - longest) accepted.shift();
			let waitMs = 0;
			for (const { limit, windowMs } of windows) {
				const inWindow = accepted.filter((a) => a > t - windowMs);
				if (inWindow.length >= limit) waitMs = Math.max(waitMs, inWindow[inWindow.length - limit] + windowMs - t);
			}
			if (waitMs > 0) {
				refused++;
				return Math.max(1, Math.ceil(waitMs / 1000));
			}
			accepted.push(t);
			return undefined;
		},
		get refused() {
			return refused;
		},
	};
}
