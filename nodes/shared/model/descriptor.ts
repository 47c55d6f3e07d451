import type { IBinaryData, IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ZodType, ZodTypeDef } from 'zod';
import type { Body } from '../formats/streams';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One HTTP call, relative to the credential's base URL. */
export interface RequestSpec {
	method: HttpMethod;
	path: string;
	qs?: IDataObject;
	/** JSON, bytes, or a function that opens the bytes anew for each attempt (a stream can be read only once). */
	body?: unknown;
	/** The provider's rate-limit class (see the provider's transport); default when omitted. */
	rateClass?: string;
	/** Return a successful answer as a stream of bytes (exports) instead of parsed JSON; an error answer is still read. */
	binary?: boolean;
	/** Error statuses the operation handles itself: answered as a result, not thrown. */
	acceptStatus?: number[];
	/** Extra headers, e.g. the content type of a multipart body built with `multipart()`. */
	headers?: Record<string, string>;
	/** Secrets this request carries besides the credential's (a token in the path, a webhook secret in the body): kept out of every error. */
	secrets?: string[];
	/**
	 * Whether the call may be sent again when its answer is lost, as OperationDescriptor.repeatable (stated for every
	 * call, never read from its method). True: sent again after a 429, a 5xx, a timeout or a dropped connection.
	 * False: sent again only when the provider provably did not get it (a 429, a connection refused before sending),
	 * so a call that may have been done is never done twice; the calls of one execution that may not be repeated go
	 * in item order (run/pool.ts ItemOrder). An operation's declared `request` leaves it out: the kernel adds the
	 * operation's own (declaredRequest).
	 */
	repeatable: boolean;
}

/**
 * The call an operation declares (OperationDescriptor.request): whether it may be repeated is the operation's, so the
 * call cannot say it (`never`: a `repeatable` here does not compile).
 */
export type DeclaredRequest = Omit<RequestSpec, 'repeatable'> & { repeatable?: never };

/** A file in an input item's binary property, opened only when it is sent. */
export interface BinaryInput {
	fileName: string;
	mimeType: string;
	/** Its size in bytes. */
	size: number;
	/** Its bytes: a Buffer when n8n holds it in memory, a stream when n8n stores it (filesystem, S3). Opens anew each call. */
	open(): Promise<Body>;
}

export interface HttpResult {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	/** How many times the call was sent; > 1 means a retry happened. */
	attempts: number;
	/**
	 * Whether an earlier attempt failed in a way the provider may already have done the work (a 5xx, a timeout, a
	 * connection dropped after sending): only then can an operation take a "taken" answer for its own earlier call.
	 */
	ambiguous?: boolean;
}

/** Where a list lives in a page, and how the next page is asked for. */
export type Pagination =
	| {
			style: 'cursor';
			/** Field of a list entry that the next page starts after. */
			idField: string;
			/** Query parameter that carries the cursor. */
			cursorParam: string;
			/** Path of the list in the page body; undefined for a bare array. */
			itemsPath?: string;
			/** The page's count of the whole list, where it has one (default `total_count`). */
			totalField?: string;
			maxPageSize: number;
			/** A status that, after the first page, means the list has ended (a provider that answers 404 once the entries are exhausted). */
			endStatus?: number;
	  }
	| {
			style: 'offset';
			itemsPath?: string;
			/** The page's count of the whole list, where it has one (default `total_count`). */
			totalField?: string;
			maxPageSize: number;
			endStatus?: number;
	  };

/** What an operation's own code may use: the provider call and the item it runs for. */
export interface OperationContext {
	itemIndex: number;
	send(spec: RequestSpec): Promise<HttpResult>;
	/** A NodeOperationError for this node and item, to throw from an operation's own code. */
	error(message: string, description?: string): Error;
	/**
	 * An error that says the artefact is not ready yet (a recording still being written). An action node fails with
	 * it as with any error; a trigger that includes the artefact asks again until it is ready, within its bound.
	 */
	notYet(message: string, description?: string): Error;
	/** Throws the provider error for an answer the operation accepted but cannot use. */
	fail(spec: RequestSpec, result: HttpResult): never;
	/** Fetches a URL the provider handed out (a signed download link): no auth header, bytes back. For small files. */
	download(url: string): Promise<Buffer>;
	/**
	 * Streams a URL the provider handed out straight into n8n's binary data (no auth header): a large file is never
	 * held in memory. The binary, and its size in bytes where known.
	 */
	downloadBinary(url: string, fileName: string, mimeType?: string): Promise<{ binary: IBinaryData; bytes?: number }>;
	/**
	 * Sends bytes (a Buffer or a stream, opened by `open` for each try) to a URL the provider handed out (a signed
	 * upload link for one file), without the credential; sent again after a dropped connection, a 429 or a 5xx.
	 */
	upload(url: string, method: 'PUT' | 'POST', open: () => Promise<Body>, headers?: Record<string, string>): Promise<unknown>;
	/** The file in a binary property of the current input item; fails naming the property when absent. */
	readBinary(propertyName: string): Promise<BinaryInput>;
	credentials: IDataObject;
	/** Waits between polls; ends early, rejecting, when the user stops the execution. */
	pause(ms: number): Promise<void>;
	/** As PrepareContext.once: computed once per execution, shared by its items. */
	once<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** What an operation's `prepare` may use: the provider call, this item's error, and a memo shared by one execution's items. */
export interface PrepareContext {
	send(spec: RequestSpec): Promise<HttpResult>;
	/** A NodeOperationError for this node and item. */
	error(message: string, description?: string): Error;
	/**
	 * The value `compute` gives for `key`, computed once per execution (per node run) and shared by its items, also by
	 * items running at the same time: a failed computation is shared too, so each item that needs it fails alike.
	 */
	once<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** An operation's result: one object, a list of objects, or full items (for binary output). */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData[];

/**
 * A property of an answer whose shape is not known (`answer?.[key]`): undefined for an answer that is null or
 * undefined. An answer is parsed JSON or text (http/send.ts), so what it holds is a JSON value.
 */
export function propertyOf(answer: unknown, key: string): IDataObject[string] {
	return answer === undefined || answer === null ? undefined : (answer as IDataObject)[key];
}

/**
 * One operation. `P` is what its schema makes of its parameters; declared with `operation()`, which types it from
 * the schema. The kernel holds operations of every kind alike (ResourceDescriptor), as parameters it knows only by
 * name: the default `P`.
 */
/** What every operation declares, whatever its kind. */
interface OperationBase<P> {
	resource: string;
	operation: string;
	/** Option name in the Operation list. */
	name: string;
	/** Action text, e.g. "Create a room". */
	action: string;
	/** Written for a person and an AI agent alike. */
	description: string;
	/** Parameters; the kernel adds displayOptions for resource and operation. */
	properties: INodeProperties[];
	/** Validates and normalises the parameters before anything is sent. */
	schema: ZodType<P, ZodTypeDef, unknown>;
	/**
	 * Turns validated parameters into what the request needs, with calls of its own (a readable name looked up for the
	 * ID a path takes). Runs after validation, before the request.
	 */
	prepare?: (ctx: PrepareContext, params: P) => Promise<P>;
	/**
	 * Whether the operation may be sent again when its answer is lost (a timeout, a dropped connection, a 5xx after
	 * sending): true for reads and for writes that come to the same result when repeated; false where a repeat would
	 * do the thing twice (create, start, send). False shows the notice about n8n's Retry On Fail, and the declared
	 * `request` is then sent again only when it provably did not arrive (a 429, a connection refused before sending).
	 * Code of its own (`run`) states `repeatable` on each call it sends, per call where it depends on the parameters.
	 */
	repeatable: boolean;
	/**
	 * The few fields a person or an agent needs of an answer's entry (an answer can hold dozens of setting flags): the
	 * kernel adds n8n's Simplify switch, on by default from node version 1.1, off in version 1. Calls and lists.
	 */
	simplify?: (entry: IDataObject) => IDataObject;
}

/** A call: one request, its answer the output. */
export interface CallKind<P> {
	/** The call this operation makes, sent as `repeatable` says. */
	request: (params: P) => DeclaredRequest;
	/**
	 * Turns a successful answer into output; default: the body as one item, `{ success: true }` for an empty body.
	 * The body is parsed JSON or text, of no known shape: read it with `propertyOf` or after a check.
	 */
	output?: (body: unknown, params: P) => OperationResult;
	paginate?: never;
	binaryOutput?: never;
	fileLink?: never;
	run?: never;
}

/** A list: the kernel adds Return All and Limit and walks the pages of its request, an item per entry. */
export interface ListKind<P> {
	request: (params: P) => DeclaredRequest;
	paginate: Pagination;
	output?: never;
	binaryOutput?: never;
	fileLink?: never;
	run?: never;
}

/** A file: the answer's bytes become the item's binary data (the kernel adds Put Output File in Field). */
export interface FileKind<P> {
	request: (params: P) => DeclaredRequest;
	/** The file's name (from the parameters, or the answer's headers) and type (default: the answer's). */
	binaryOutput: { fileName: (params: P, headers: HttpResult['headers']) => string; mimeType?: string };
	output?: never;
	paginate?: never;
	fileLink?: never;
	run?: never;
}

/** Where a file is that the provider hands out a link to, and what the item says of it besides its name and size. */
export interface LinkedFile {
	url: string;
	fileName: string;
	mimeType?: string;
	json?: IDataObject;
	/** When the link stops working, unix seconds, where the provider says. */
	expires?: number;
}

/**
 * A file behind a link the provider hands out (a recording): `fileLink` finds the link with calls of its own, the
 * kernel streams the file into the item's binary data (it adds Put Output File in Field), never holding it in memory.
 */
export interface LinkedFileKind<P> {
	fileLink: (ctx: OperationContext, params: P) => Promise<LinkedFile>;
	request?: never;
	output?: never;
	paginate?: never;
	binaryOutput?: never;
	run?: never;
}

/** Code of its own: more than one call, or none. */
export interface OwnCodeKind<P> {
	run: (ctx: OperationContext, params: P) => Promise<OperationResult>;
	request?: never;
	output?: never;
	paginate?: never;
	binaryOutput?: never;
	fileLink?: never;
}

/**
 * One operation: a call, a list, a file (the answer, or behind a link), or code of its own, each stating as data what
 * it needs. An operation that declares none of them (or two) does not compile.
 */
export type OperationDescriptor<P = Record<string, unknown>> = OperationBase<P> &
	(CallKind<P> | ListKind<P> | FileKind<P> | LinkedFileKind<P> | OwnCodeKind<P>);

/** An operation without some of its keys (a helper that fills them in), still one of the kinds. */
export type OperationWithout<K extends keyof OperationBase<unknown>, P = Record<string, unknown>> = OperationDescriptor<P> extends infer O ? (O extends unknown ? Omit<O, K> : never) : never;

export interface ResourceDescriptor {
	value: string;
	name: string;
	description?: string;
	operations: OperationDescriptor[];
}

/**
 * One operation, its parameters typed from its schema: the request builder, output and run code receive the names
 * the operation declares, with the types of their values, so a misspelt parameter does not compile. The descriptor is
 * held as the kernel holds every operation: it is only ever given the parameters its own schema made.
 */
export function operation<P>(descriptor: OperationDescriptor<P>): OperationDescriptor {
	return descriptor as unknown as OperationDescriptor;
}

/** The call an operation declares (what its `request` built), sent as repeatable as the operation is. */
export function declaredRequest(op: Pick<OperationDescriptor, 'repeatable'>, request: DeclaredRequest): RequestSpec {
	return { ...request, repeatable: op.repeatable };
}
