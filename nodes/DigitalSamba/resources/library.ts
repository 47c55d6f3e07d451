import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { operation, type OperationDescriptor, type OperationWithout, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, type FieldSpec, idField, params } from '../../shared/parameters/fields';
import { multipart } from '../../shared/http/multipart';
import { listOptions, pickedUnder } from '../fields';
import { dsOffset } from '../transport';

const libraryId = idField('libraryId', 'Library ID', 'The ID (UUID) of the library', 'searchLibraries');
const folderId = pickedUnder('folderId', 'Folder ID', 'The ID (UUID) of the folder', 'searchFolders', ['libraryId.value']);
const fileId = pickedUnder('fileId', 'File ID', 'The ID (UUID) of the file', 'searchFiles', ['libraryId.value']);

const nonEmpty = z.string().min(1, 'must not be empty');
const libraryFields: FieldSpec[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', zod: nonEmpty, description: 'Name of the library; must be unique in the team (a dated name is made up when left out)' },
	{ displayName: 'External ID', name: 'external_id', type: 'string', default: '', description: 'Your own ID for the library, to match it with your system' },
];
const folderFields: FieldSpec[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', zod: nonEmpty, description: 'Name of the folder' },
	{ displayName: 'Parent Folder ID', name: 'parent_id', type: 'string', default: '', description: 'The folder to put it in (its UUID); the library root when left out' },
];
const folderOfFile = field({ displayName: 'Folder ID', name: 'folder_id', type: 'string', default: '', description: 'The folder to put it in (its UUID); the library root when left out' });

// The spec names a file's path parameter (fileId below) `libraryFile`.

const op = <P>(o: OperationWithout<'resource', P>): OperationDescriptor => operation({ resource: 'library', ...o } as OperationDescriptor<P>);

const upload = params([
	libraryId,
	{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, description: 'The name of the input binary field that holds the file to upload' },
], [collection('additionalFields', 'Additional Fields', [
	{ displayName: 'File Name', name: 'name', type: 'string', default: '', zod: nonEmpty, description: 'Name of the file in the library; the input file name when left out' },
	folderOfFile,
])]);

const operations: OperationDescriptor[] = [
	op({
		operation: 'getAll', name: 'Get Many', action: 'Get many libraries',
		description: 'List the content libraries of the team, one item each',
		...params([], [listOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/libraries', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	op({
		operation: 'get', name: 'Get', action: 'Get a library', description: 'Get one content library',
		...params([libraryId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/libraries/${pathSegment(p.libraryId)}` }),
	}),
	op({
		operation: 'create', name: 'Create', action: 'Create a library',
		description: 'Create a content library for files, whiteboards and web apps that rooms can show',
		...params([], [collection('additionalFields', 'Additional Fields', libraryFields)]),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: '/libraries', body: defined(p.additionalFields) }),
	}),
	op({
		operation: 'update', name: 'Update', action: 'Update a library', description: 'Rename a library or change its external ID',
		...params([libraryId], [collection('updateFields', 'Update Fields', libraryFields)]),
		repeatable: true,
		request: (p) => ({ method: 'PATCH', path: `/libraries/${pathSegment(p.libraryId)}`, body: defined(p.updateFields) }),
	}),
	op({
		operation: 'delete', name: 'Delete', action: 'Delete a library', description: 'Delete a library with all its folders and files',
		...params([libraryId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/libraries/${pathSegment(p.libraryId)}` }),
		output: (_body, p) => ({ deleted: true, libraryId: p.libraryId }),
	}),
	op({
		operation: 'getHierarchy', name: 'Get Hierarchy', action: 'Get the hierarchy of a library',
		description: 'Get the folder tree of a library with the files in each folder',
		...params([libraryId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/libraries/${pathSegment(p.libraryId)}/hierarchy` }),
	}),
	op({
		operation: 'getManyFolders', name: 'Get Many Folders', action: 'Get many folders of a library',
		description: 'List the folders of a library, one item each',
		...params([libraryId], [listOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/libraries/${pathSegment(p.libraryId)}/folders`, qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	op({
		operation: 'getFolder', name: 'Get Folder', action: 'Get a library folder', description: 'Get one folder of a library',
		...params([libraryId, folderId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/libraries/${pathSegment(p.libraryId)}/folders/${pathSegment(p.folderId)}` }),
	}),
	op({
		operation: 'createFolder', name: 'Create Folder', action: 'Create a library folder',
		description: 'Create a folder in a library, at its root or inside another folder',
		...params([libraryId], [collection('additionalFields', 'Additional Fields', folderFields)]),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/libraries/${pathSegment(p.libraryId)}/folders`, body: defined(p.additionalFields) }),
	}),
	op({
		operation: 'updateFolder', name: 'Update Folder', action: 'Update a library folder', description: 'Rename a folder or move it into another folder',
		...params([libraryId, folderId], [collection('updateFields', 'Update Fields', folderFields)]),
		repeatable: true,
		request: (p) => ({ method: 'PATCH', path: `/libraries/${pathSegment(p.libraryId)}/folders/${pathSegment(p.folderId)}`, body: defined(p.updateFields) }),
	}),
	op({
		operation: 'deleteFolder', name: 'Delete Folder', action: 'Delete a library folder', description: 'Delete a folder of a library',
		...params([libraryId, folderId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/libraries/${pathSegment(p.libraryId)}/folders/${pathSegment(p.folderId)}` }),
		output: (_body, p) => ({ deleted: true, libraryId: p.libraryId, folderId: p.folderId }),
	}),
	op({
		operation: 'getManyFiles', name: 'Get Many Files', action: 'Get many files of a library',
		description: 'List the files of a library (name, type, size, folder), one item each',
		...params([libraryId], [listOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/libraries/${pathSegment(p.libraryId)}/files`, qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	op({
		operation: 'getFile', name: 'Get File', action: 'Get a library file', description: 'Get one file of a library with its processing status',
		...params([libraryId, fileId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/libraries/${pathSegment(p.libraryId)}/files/${pathSegment(p.fileId)}` }),
	}),
	op({
		operation: 'uploadFile', name: 'Upload File', action: 'Upload a file to a library',
		description: 'Upload the file in an input binary field to a library (Digital Samba hands out a storage URL and token, then the file is sent there); documents are processed into pages afterwards',
		...upload,
		// The file entry is made once: a repeat would make a second.
		repeatable: false,
		run: async (ctx, p) => {
			const file = await ctx.readBinary(p.binaryPropertyName);
			const name: string = p.additionalFields?.name ?? file.fileName;
			const spec = {
				method: 'POST' as const,
				path: `/libraries/${pathSegment(p.libraryId)}/files`,
				body: defined({ name, folder_id: p.additionalFields?.folder_id, file_size: file.size }),
				repeatable: false,
			};
			const result = await ctx.send(spec);
			const ticket = (result.body ?? {}) as IDataObject;
			if (typeof ticket.external_storage_url !== 'string' || typeof ticket.token !== 'string') {
				throw ctx.error('Digital Samba answered without an upload URL and token; the file was not uploaded');
			}
			// The spec's example gives a bare host.
			const url = /^https?:\/\//i.test(ticket.external_storage_url) ? ticket.external_storage_url : `https://${ticket.external_storage_url}`;
			const form = multipart({ file: { ...file, fileName: name } });
			await ctx.upload(url, 'POST', form.open, { ...form.headers, Authorization: `Bearer ${ticket.token}` });
			// The upload token is left out: it is a short-lived credential.
			return defined({ id: ticket.file_id as string, name, file_name: ticket.file_name as string, folder_id: p.additionalFields?.folder_id, size: file.size, mimeType: file.mimeType, uploaded: true });
		},
	}),
	op({
		operation: 'updateFile', name: 'Update File', action: 'Update a library file', description: 'Rename a file or move it into another folder',
		...params([libraryId, fileId], [collection('updateFields', 'Update Fields', [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', zod: nonEmpty, description: 'New name of the file' },
			folderOfFile,
		])]),
		repeatable: true,
		request: (p) => ({ method: 'PATCH', path: `/libraries/${pathSegment(p.libraryId)}/files/${pathSegment(p.fileId)}`, body: defined(p.updateFields) }),
	}),
	op({
		operation: 'deleteFile', name: 'Delete File', action: 'Delete a library file', description: 'Delete a file of a library',
		...params([libraryId, fileId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/libraries/${pathSegment(p.libraryId)}/files/${pathSegment(p.fileId)}` }),
		output: (_body, p) => ({ deleted: true, libraryId: p.libraryId, fileId: p.fileId }),
	}),
	op({
		operation: 'getFileLinks', name: 'Get File Links', action: 'Get the links of a library file',
		description: 'Get the page and thumbnail URLs of a processed file: a list of pages, each with its image URL and thumbnail URL',
		...params([libraryId, fileId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/libraries/${pathSegment(p.libraryId)}/files/${pathSegment(p.fileId)}/links` }),
	}),
	op({
		operation: 'createWebapp', name: 'Create Webapp', action: 'Add a web app to a library',
		description: 'Add embedded web content (YouTube, Vimeo, Miro, Google Docs and more) to a library by its URL',
		...params([
			libraryId,
			{ displayName: 'URL', name: 'url', type: 'string', default: '', required: true, url: true, placeholder: 'e.g. https://www.youtube.com/watch?v=…', description: 'The web page to embed' },
		], [collection('additionalFields', 'Additional Fields', [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', zod: nonEmpty, description: 'Name of the web app in the library' },
			folderOfFile,
		])]),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/libraries/${pathSegment(p.libraryId)}/webapps`, body: { url: p.url, ...defined(p.additionalFields) } }),
	}),
	op({
		operation: 'createWhiteboard', name: 'Create Whiteboard', action: 'Add a whiteboard to a library',
		description: 'Add a new collaborative whiteboard to a library; Digital Samba names it itself (Whiteboard 1, Whiteboard 2 …)',
		...params([libraryId], [collection('additionalFields', 'Additional Fields', [
			folderOfFile,
			{ displayName: 'Private', name: 'private', type: 'boolean', default: false, description: 'Whether the whiteboard is private' },
		])]),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/libraries/${pathSegment(p.libraryId)}/whiteboards`, body: defined(p.additionalFields) }),
	}),
];

export const library: ResourceDescriptor = { value: 'library', name: 'Library', operations };
