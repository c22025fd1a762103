/**
 * Turns TypeBox validation errors and the catalog's own consistency checks into Vietnamese
 * messages that name the line and column of the offending value in the file.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { CatalogFileError } from './catalog-file.js';
import type { JsonSourceMap } from './json-positions.js';

/** More errors than this are not useful to a person fixing a file by hand. */
const MAX_ERRORS = 200;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'mảng';
  switch (typeof value) {
    case 'string':
      return 'chuỗi';
    case 'number':
      return Number.isInteger(value) ? 'số nguyên' : 'số';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'đối tượng';
    default:
      return typeof value;
  }
}

/** What a schema expects, in words: "chuỗi hoặc null". */
function expected(schema: TSchema): string {
  const anyOf: unknown = schema['anyOf'];
  if (Array.isArray(anyOf)) return anyOf.map((s: TSchema) => expected(s)).join(' hoặc ');
  switch (schema[Kind]) {
    case 'String':
      return 'chuỗi';
    case 'Number':
      return 'số';
    case 'Integer':
      return 'số nguyên';
    case 'Boolean':
      return 'true/false';
    case 'Null':
      return 'null';
    case 'Array':
      return 'mảng';
    case 'Object':
    case 'Record':
      return 'đối tượng';
    case 'Literal':
      return `'${String(schema['const'])}'`;
    default:
      return 'giá trị hợp lệ';
  }
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

function lastSegment(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
}

function describeError(error: ValueError): string {
  const field = lastSegment(error.path);
  const isCode = /^\/procedures\/\d+\/code$/.test(error.path);
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `thiếu trường bắt buộc '${field}'`;
    case ValueErrorType.ObjectAdditionalProperties:
      return `trường '${field}' không thuộc định dạng tệp danh mục (viết sai tên trường?)`;
    case ValueErrorType.StringPattern:
      return isCode
        ? `mã thủ tục '${String(error.value)}' không đúng định dạng N.NNNNNN (ví dụ 1.001193)`
        : `giá trị '${String(error.value)}' của trường '${field}' không đúng định dạng`;
    case ValueErrorType.StringMinLength:
      return `trường '${field}' không được để trống`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `trường '${field}' phải lớn hơn hoặc bằng ${String(error.schema['minimum'])}`;
    default: {
      const where = /^\d+$/.test(field) ? `phần tử ${field}` : `trường '${field}'`;
      return `${where} phải là ${expected(error.schema)}, nhưng đang là ${typeName(error.value)}`;
    }
  }
}

/** The code of the procedure a pointer lies in, to help find it in a long file. */
function procedureContext(root: unknown, pointer: string): string {
  const match = /^\/procedures\/(\d+)(?:\/|$)/.exec(pointer);
  if (match === null || typeof root !== 'object' || root === null) return '';
  const procedures: unknown = (root as Record<string, unknown>)['procedures'];
  if (!Array.isArray(procedures)) return '';
  const entry: unknown = procedures[Number(match[1])];
  if (typeof entry !== 'object' || entry === null) return '';
  const code: unknown = (entry as Record<string, unknown>)['code'];
  return typeof code === 'string' && code !== '' ? ` (thủ tục ${code})` : ` (thủ tục thứ ${Number(match[1]) + 1})`;
}

/** Offset to report for a pointer: the value itself, else its key, else the nearest ancestor. */
function offsetFor(map: JsonSourceMap, pointer: string, preferKey: boolean): number {
  if (preferKey) {
    const key = map.keyOffset.get(pointer);
    if (key !== undefined) return key;
  }
  for (let p = pointer; ; p = parentPointer(p)) {
    const offset = map.valueOffset.get(p);
    if (offset !== undefined) return offset;
    if (p === '') return 0;
  }
}

/** Checks the schema can't express: unique procedure codes and `meta.count`. */
function consistencyErrors(root: unknown, map: JsonSourceMap): { pointer: string; message: string; firstOffset?: number }[] {
  const out: { pointer: string; message: string; firstOffset?: number }[] = [];
  if (typeof root !== 'object' || root === null) return out;
  const record = root as Record<string, unknown>;
  const procedures = record['procedures'];
  if (!Array.isArray(procedures)) return out;
  const seen = new Map<string, string>();
  procedures.forEach((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null) return;
    const code: unknown = (entry as Record<string, unknown>)['code'];
    if (typeof code !== 'string') return;
    const pointer = `/procedures/${index}/code`;
    const first = seen.get(code);
    if (first === undefined) {
      seen.set(code, pointer);
      return;
    }
    const firstOffset = map.valueOffset.get(first);
    out.push({ pointer, message: `mã thủ tục '${code}' bị trùng`, ...(firstOffset === undefined ? {} : { firstOffset }) });
  });
  const meta = record['meta'];
  if (typeof meta === 'object' && meta !== null) {
    const count: unknown = (meta as Record<string, unknown>)['count'];
    if (typeof count === 'number' && count !== procedures.length) {
      out.push({ pointer: '/meta/count', message: `meta.count là ${count} nhưng tệp có ${procedures.length} thủ tục` });
    }
  }
  return out;
}

/** All problems of a parsed catalog file, sorted by position, each with a ready-to-show message. */
export function collectCatalogErrors(root: unknown, map: JsonSourceMap, schemaErrors: Iterable<ValueError>): CatalogFileError[] {
  const found: { offset: number; path: string; text: string }[] = [];
  const seenPaths = new Set<string>();
  for (const error of schemaErrors) {
    // TypeBox may report a path twice (e.g. a missing field is also "not a string"); keep the first.
    if (seenPaths.has(error.path)) continue;
    seenPaths.add(error.path);
    const atKey = error.type === ValueErrorType.ObjectAdditionalProperties;
    found.push({
      offset: offsetFor(map, error.path, atKey),
      path: error.path,
      text: describeError(error) + procedureContext(root, error.path),
    });
    if (found.length >= MAX_ERRORS) break;
  }
  for (const dup of map.duplicateKeys) {
    const first = map.lineColumn(dup.firstOffset);
    found.push({
      offset: dup.offset,
      path: dup.pointer,
      text: `trường '${lastSegment(dup.pointer)}' bị lặp lại trong cùng đối tượng (lần đầu ở dòng ${first.line})${procedureContext(root, dup.pointer)}`,
    });
  }
  for (const issue of consistencyErrors(root, map)) {
    const firstLine = issue.firstOffset === undefined ? '' : ` (đã có ở dòng ${map.lineColumn(issue.firstOffset).line})`;
    found.push({ offset: offsetFor(map, issue.pointer, false), path: issue.pointer, text: issue.message + firstLine });
  }
  found.sort((a, b) => a.offset - b.offset);
  return found.map(({ offset, path, text }) => {
    const { line, column } = map.lineColumn(offset);
    return { line, column, path, message: `Dòng ${line}, cột ${column}: ${text}` };
  });
}
