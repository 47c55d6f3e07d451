import { randomUUID } from 'crypto';
import { list, noContent, ok, type Ctx, type RouteTable } from '../context';
import { type DsFile, type DsFolder, type DsLibrary, type DsModel, type DsRole, type DsWebhook } from '../model';
import { isObject, notFound, paginate, randomString, signJwt, unprocessable, Validator } from '../util';

/** Roles and permissions, content libraries (folders, files, uploads, webapps, whiteboards), webhooks and events. */

/* ------------------------------------------------------------------ roles */

function role(ctx: Ctx): DsRole {
	const found = ctx.model.findRole(ctx.params.role);
	if (!found) throw notFound();
	return found;
}

/** `permissions` as a map `{name: bool}` (manage_roles: role names) or a list of granted names. */
function validatePermissions(model: DsModel, v: Validator, value: unknown, base: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = { ...base };
	const known = new Set(model.permissions);
	if (Array.isArray(value)) {
		value.forEach((name, i) => {
			if (typeof name !== 'string' || !known.has(name)) v.add(`permissions.${i}`, `The selected permissions.${i} is invalid.`);
			else out[name] = name === 'manage_roles' ? model.state.roles.map((r) => r.name) : true;
		});
	} else if (isObject(value)) {
		for (const [name, granted] of Object.entries(value)) {
			if (!known.has(name)) v.add(`permissions.${name}`, `The selected permissions.${name} is invalid.`);
			else if (name === 'manage_roles') {
				if (!Array.isArray(granted) || granted.some((r) => !model.findRole(r))) v.add('permissions.manage_roles', 'The selected permissions.manage roles is invalid.');
				else out[name] = granted;
			} else if (typeof granted !== 'boolean') v.add(`permissions.${name}`, `The permissions.${name} field must be true or false.`);
			else out[name] = granted;
		}
	} else if (value !== undefined && value !== null) v.add('permissions', 'The permissions field must be an array.');
	return out;
}

/* -------------------------------------------------------------- libraries */

const folderOf = (ctx: Ctx, library: DsLibrary, id: unknown): DsFolder | undefined =>
	ctx.model.state.folders.find((f) => f.id === id && f.library_id === library.id);

function folder(ctx: Ctx, library: DsLibrary): DsFolder {
	const found = folderOf(ctx, library, ctx.params.libraryFolder);
	if (!found) throw notFound();
	return found;
}

function file(ctx: Ctx, library: DsLibrary): DsFile {
	const found = ctx.model.state.files.find((f) => f.id === ctx.params.libraryFile && f.library_id === library.id);
	if (!found) throw notFound();
	return found;
}

function checkFolderRef(ctx: Ctx, v: Validator, library: DsLibrary, field: string): void {
	const id = ctx.body[field];
	if (id !== undefined && id !== null && !folderOf(ctx, library, id)) v.add(field, `The selected ${field.replace(/_/g, ' ')} is invalid.`);
}

/** A folder and every folder below it. */
function subtree(ctx: Ctx, root: DsFolder): Set<string> {
	const ids = new Set([root.id]);
	for (let grew = true, guard = 0; grew && guard < 1000; guard++) {
		grew = false;
		for (const f of ctx.model.state.folders) {
			if (f.parent_id && ids.has(f.parent_id) && !ids.has(f.id)) {
				ids.add(f.id);
				grew = true;
			}
		}
	}
	return ids;
}

export function fileType(name: string): string {
	const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
	if (['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'bmp'].includes(ext)) return 'image';
	if (ext === 'pdf') return 'pdf';
	if (['mp4', 'webm', 'mov', 'mkv', 'avi'].includes(ext)) return 'video';
	if (['mp3', 'wav', 'ogg', 'm4a', 'flac'].includes(ext)) return 'audio';
	return 'document';
}

function hierarchy(ctx: Ctx, library: DsLibrary) {
	const files = ctx.model.state.files.filter((f) => f.library_id === library.id);
	const folders = ctx.model.state.folders.filter((f) => f.library_id === library.id);
	const node = (parent: string | null, depth: number): unknown[] =>
		depth > 32
			? []
			: folders
					.filter((f) => f.parent_id === parent)
					.map((f) => ({
						...ctx.model.folderJson(f),
						folders: node(f.id, depth + 1),
						files: files.filter((x) => x.folder_id === f.id).map((x) => ctx.model.fileJson(x)),
					}));
	return { ...ctx.model.libraryJson(library), folders: node(null, 0), files: files.filter((x) => x.folder_id === null).map((x) => ctx.model.fileJson(x)) };
}

/** Links the storage serves for a file (GET /storage/library-files/…). */
export function fileLinks(ctx: Ctx, f: DsFile) {
	const expires = Math.floor(ctx.model.now() / 1000) + 3600;
	const ext = /\.([a-z0-9]+)$/i.exec(f.storage_file_name)?.[1] ?? 'bin';
	const h = signJwt({ f: f.id, expires }, ctx.env.storageSecret).split('.')[2].slice(0, 22);
	const base = `${ctx.env.origin}/storage/library-files/${f.library_id}/${f.id}`;
	return { url: `${base}/original.0.${ext}?h=${h}&expires=${expires}`, thumbnail_url: `${base}/t_original.0.${ext}?h=${h}&expires=${expires}` };
}

/* --------------------------------------------------------------- webhooks */

function webhook(ctx: Ctx): DsWebhook {
	const found = ctx.model.state.webhooks.find((w) => w.id === ctx.params.webhook);
	if (!found) throw notFound();
	return found;
}

/** Events the team's `GET /events` lists (the model's, which a test may add to) are accepted; others are 422. */
function validateEvents(model: DsModel, v: Validator, events: unknown): void {
	if (events === undefined) return;
	if (!v.array('events', events)) return;
	(events as unknown[]).forEach((event, i) => {
		if (typeof event !== 'string' || !model.events.includes(event)) v.add(`events.${i}`, `The selected events.${i} is invalid.`);
	});
}

/* ----------------------------------------------------------------- routes */

export const teamRoutes: RouteTable = {
	/* roles */
	'GET /roles': (ctx) => list(ctx, ctx.model.state.roles, (r) => ctx.model.roleJson(r, false)),
	'POST /roles': (ctx) => {
		const { model, body } = ctx;
		const v = new Validator();
		if (typeof body.name === 'string' && model.state.roles.some((r) => r.name === body.name)) v.add('name', 'The name has already been taken.');
		const defaults = Object.fromEntries(model.permissions.map((p) => [p, p === 'manage_roles' ? [] : false]));
		const permissions = validatePermissions(model, v, body.permissions, defaults);
		v.check();
		const created: DsRole = {
			...model.stamp(),
			name: body.name,
			display_name: body.display_name,
			description: body.description ?? null,
			default: false,
			builtin: false,
			permissions,
			updated: model.now(),
		};
		model.state.roles.push(created);
		return ok(model.roleJson(created, true));
	},
	'GET /roles/{role}': (ctx) => ok(ctx.model.roleJson(role(ctx), true)),
	'PATCH /roles/{role}': (ctx) => {
		const { model, body } = ctx;
		const r = role(ctx);
		const v = new Validator();
		if (typeof body.name === 'string' && model.state.roles.some((x) => x !== r && x.name === body.name)) v.add('name', 'The name has already been taken.');
		const permissions = validatePermissions(model, v, body.permissions, r.permissions);
		v.check();
		if (body.name !== undefined) r.name = body.name;
		if (body.display_name !== undefined) r.display_name = body.display_name;
		if (body.description !== undefined) r.description = body.description;
		r.permissions = permissions;
		r.updated = model.now();
		return ok(model.roleJson(r, true));
	},
	'DELETE /roles/{role}': (ctx) => {
		const r = role(ctx);
		const { state } = ctx.model;
		if (r.builtin) throw unprocessable('Cannot delete a preset role.');
		state.roles = state.roles.filter((x) => x !== r);
		for (const room of state.rooms) {
			room.roleIds = room.roleIds.filter((id) => id !== r.id);
			room.privateGroupChatRoleIds = room.privateGroupChatRoleIds.filter((id) => id !== r.id);
			if (room.defaultRoleId === r.id) room.defaultRoleId = room.roleIds[0] ?? null;
		}
		state.defaultRoleIds = state.defaultRoleIds.filter((id) => id !== r.id);
		return noContent();
	},
	'GET /permissions': (ctx) => ok([...ctx.model.permissions]),

	/* libraries */
	'GET /libraries': (ctx) => list(ctx, ctx.model.state.libraries, (l) => ctx.model.libraryJson(l)),
	'POST /libraries': (ctx) => {
		const created: DsLibrary = { ...ctx.model.stamp(), name: ctx.body.name ?? null, external_id: ctx.body.external_id ?? null, updated: ctx.model.now() };
		ctx.model.state.libraries.push(created);
		return ok(ctx.model.libraryJson(created));
	},
	'GET /libraries/{library}': (ctx) => ok(ctx.model.libraryJson(ctx.model.library(ctx.params.library))),
	'PATCH /libraries/{library}': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		if (ctx.body.name !== undefined) library.name = ctx.body.name;
		if (ctx.body.external_id !== undefined) library.external_id = ctx.body.external_id;
		library.updated = ctx.model.now();
		return ok(ctx.model.libraryJson(library));
	},
	'DELETE /libraries/{library}': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		const s = ctx.model.state;
		s.libraries = s.libraries.filter((l) => l !== library);
		s.folders = s.folders.filter((f) => f.library_id !== library.id);
		s.files = s.files.filter((f) => f.library_id !== library.id);
		for (const room of s.rooms) if (room.library_id === library.id) room.library_id = null;
		return noContent();
	},
	'GET /libraries/{library}/hierarchy': (ctx) => ok(hierarchy(ctx, ctx.model.library(ctx.params.library))),

	/* folders */
	'GET /libraries/{library}/folders': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		return list(ctx, ctx.model.state.folders.filter((f) => f.library_id === library.id), (f) => ctx.model.folderJson(f));
	},
	'POST /libraries/{library}/folders': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		const v = new Validator();
		if (v.required('name', ctx.body.name)) v.string('name', ctx.body.name, 1, 255);
		checkFolderRef(ctx, v, library, 'parent_id');
		v.check();
		const created: DsFolder = { ...ctx.model.stamp(), library_id: library.id, parent_id: ctx.body.parent_id ?? null, name: ctx.body.name };
		ctx.model.state.folders.push(created);
		return ok(ctx.model.folderJson(created));
	},
	'GET /libraries/{library}/folders/{libraryFolder}': (ctx) => ok(ctx.model.folderJson(folder(ctx, ctx.model.library(ctx.params.library)))),
	'PATCH /libraries/{library}/folders/{libraryFolder}': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		const f = folder(ctx, library);
		const v = new Validator();
		v.string('name', ctx.body.name, 1, 255);
		checkFolderRef(ctx, v, library, 'parent_id');
		if (ctx.body.parent_id && subtree(ctx, f).has(ctx.body.parent_id)) v.add('parent_id', 'The selected parent id is invalid.');
		v.check();
		if (ctx.body.name !== undefined) f.name = ctx.body.name;
		if (ctx.body.parent_id !== undefined) f.parent_id = ctx.body.parent_id;
		return ok(ctx.model.folderJson(f));
	},
	'DELETE /libraries/{library}/folders/{libraryFolder}': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		const ids = subtree(ctx, folder(ctx, library));
		const s = ctx.model.state;
		s.folders = s.folders.filter((f) => !ids.has(f.id));
		s.files = s.files.filter((f) => !(f.folder_id && ids.has(f.folder_id)));
		return noContent();
	},

	/* files */
	'GET /libraries/{library}/files': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		const { items } = paginate(ctx.model.state.files.filter((f) => f.library_id === library.id), ctx.query);
		return ok(items.map((f) => ctx.model.fileJson(f)));
	},
	'POST /libraries/{library}/files': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		const v = new Validator();
		v.string('name', ctx.body.name, 1, 255);
		checkFolderRef(ctx, v, library, 'folder_id');
		v.check();
		const name = ctx.body.name as string;
		const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
		const created: DsFile = {
			...ctx.model.stamp(),
			library_id: library.id,
			folder_id: ctx.body.folder_id ?? null,
			name,
			type: fileType(name),
			size: Number(ctx.body.file_size ?? 0) || 0,
			status: 'pending',
			storage_file_name: `${randomString(40)}${ext ? `.${ext}` : ''}`,
		};
		ctx.model.state.files.push(created);
		const iat = Math.floor(ctx.model.now() / 1000);
		const exp = iat + 900;
		const token = signJwt(
			{ name: created.storage_file_name, action: 'upload', type: 'library', library_id: library.id, file_id: created.id, iss: 'simulator', iat, exp },
			ctx.env.storageSecret,
		);
		return ok({
			file_id: created.id,
			file_name: created.storage_file_name,
			external_storage_url: `${ctx.env.origin}/storage/upload`,
			token,
			expiration_timestamp: exp,
		});
	},
	'GET /libraries/{library}/files/{libraryFile}': (ctx) => ok(ctx.model.fileJson(file(ctx, ctx.model.library(ctx.params.library)))),
	'PATCH /libraries/{library}/files/{libraryFile}': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		const f = file(ctx, library);
		const v = new Validator();
		v.string('name', ctx.body.name, 1, 255);
		checkFolderRef(ctx, v, library, 'folder_id');
		v.check();
		if (ctx.body.name !== undefined) f.name = ctx.body.name;
		if (ctx.body.folder_id !== undefined) f.folder_id = ctx.body.folder_id;
		return ok(ctx.model.fileJson(f));
	},
	'DELETE /libraries/{library}/files/{libraryFile}': (ctx) => {
		const f = file(ctx, ctx.model.library(ctx.params.library));
		ctx.model.state.files = ctx.model.state.files.filter((x) => x !== f);
		return noContent();
	},
	'GET /libraries/{library}/files/{libraryFile}/links': (ctx) => {
		const f = file(ctx, ctx.model.library(ctx.params.library));
		if (f.status !== 'completed') throw unprocessable('The file has not been uploaded yet.');
		return ok({ pages: f.type === 'webapp' || f.type === 'youtube' || f.type === 'vimeo' ? [] : [fileLinks(ctx, f)] });
	},
	'POST /libraries/{library}/webapps': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		const v = new Validator();
		checkFolderRef(ctx, v, library, 'folder_id');
		v.string('name', ctx.body.name, 1, 255);
		v.check();
		const url = ctx.body.url as string;
		const type = /youtube\.com|youtu\.be/i.test(url) ? 'youtube' : /vimeo\.com/i.test(url) ? 'vimeo' : 'webapp';
		const created: DsFile = {
			...ctx.model.stamp(),
			library_id: library.id,
			folder_id: ctx.body.folder_id ?? null,
			name: ctx.body.name ?? url,
			type,
			size: 0,
			status: 'completed',
			storage_file_name: '',
			url,
		};
		ctx.model.state.files.push(created);
		return ok(ctx.model.fileJson(created));
	},
	'POST /libraries/{library}/whiteboards': (ctx) => {
		const library = ctx.model.library(ctx.params.library);
		const v = new Validator();
		checkFolderRef(ctx, v, library, 'folder_id');
		v.check();
		const n = ctx.model.state.files.filter((f) => f.library_id === library.id && f.type === 'whiteboard').length + 1;
		const created: DsFile = {
			...ctx.model.stamp(),
			library_id: library.id,
			folder_id: ctx.body.folder_id ?? null,
			name: `Whiteboard ${n}`,
			type: 'whiteboard',
			size: 0,
			status: 'completed',
			storage_file_name: `${randomUUID()}.wb`,
			private: Boolean(ctx.body.private),
			content: Buffer.from('{}'),
			contentType: 'application/json',
		};
		ctx.model.state.files.push(created);
		const { url } = fileLinks(ctx, created);
		return ok({ ...ctx.model.fileJson(created), storage_file_name: created.storage_file_name, storage_url: url });
	},

	/* webhooks and events */
	'GET /events': (ctx) => ok([...ctx.model.events]),
	'GET /webhooks': (ctx) => list(ctx, ctx.model.state.webhooks, (w) => ctx.model.webhookJson(w, false)),
	'POST /webhooks': (ctx) => {
		const v = new Validator();
		validateEvents(ctx.model, v, ctx.body.events);
		v.check();
		const created: DsWebhook = {
			...ctx.model.stamp(),
			endpoint: ctx.body.endpoint,
			name: ctx.body.name ?? null,
			authorization_header: ctx.body.authorization_header ?? null,
			events: [...new Set(ctx.body.events as string[])],
			updated: ctx.model.now(),
		};
		ctx.model.state.webhooks.push(created);
		return ok(ctx.model.webhookJson(created, true));
	},
	'GET /webhooks/{webhook}': (ctx) => ok(ctx.model.webhookJson(webhook(ctx), true)),
	'PATCH /webhooks/{webhook}': (ctx) => {
		const w = webhook(ctx);
		const v = new Validator();
		validateEvents(ctx.model, v, ctx.body.events);
		v.check();
		for (const key of ['endpoint', 'name', 'authorization_header'] as const) if (ctx.body[key] !== undefined) w[key] = ctx.body[key];
		if (ctx.body.events !== undefined) w.events = [...new Set(ctx.body.events as string[])];
		w.updated = ctx.model.now();
		return ok(ctx.model.webhookJson(w, true));
	},
	'DELETE /webhooks/{webhook}': (ctx) => {
		const w = webhook(ctx);
		ctx.model.state.webhooks = ctx.model.state.webhooks.filter((x) => x !== w);
		for (const room of ctx.model.state.rooms) room.webhookIds = room.webhookIds.filter((id) => id !== w.id);
		return noContent();
	},
};
