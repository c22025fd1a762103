/**
 * A strict JSON (RFC 8259) parser that also records where every value starts, so that errors
 * found later (schema violations, duplicate codes) can name the line a person must fix.
 *
 * Positions are keyed by RFC 6901 JSON pointer (`""` for the root, `/procedures/2/name` for a
 * member, `~` and `/` in keys escaped as `~0` and `~1`), the form TypeBox's `ValueError.path`
 * uses, so schema errors can be looked up directly.
 */

/** 1-based line and column (column counted in characters, as editors show it). */
export interface LineColumn {
  line: number;
  column: number;
}

export interface JsonSourceMap {
  /** Offset where the value at a pointer starts (its first character). */
  valueOffset: ReadonlyMap<string, number>;
  /** Offset of the key string of an object member, by the member's pointer. */
  keyOffset: ReadonlyMap<string, number>;
  /** Members whose key appeared more than once in the same object (the later occurrence). */
  duplicateKeys: readonly { pointer: string; offset: number; firstOffset: number }[];
  /** Converts an offset in the parsed text into a line and column. */
  lineColumn(offset: number): LineColumn;
}

export type JsonParseResult =
  | { ok: true; value: unknown; map: JsonSourceMap }
  | { ok: false; line: number; column: number; message: string };

const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** RFC 6901 escaping of one pointer segment. */
export function escapePointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Offsets where each line starts; `\n`, `\r\n` and a lone `\r` all end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

function makeLineColumn(text: string): (offset: number) => LineColumn {
  const starts = lineStarts(text);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = starts[lo] ?? 0;
    // Count characters (code points), not UTF-16 units, so astral characters count once.
    const column = Array.from(text.slice(start, Math.max(start, offset))).length + 1;
    return { line: lo + 1, column };
  };
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'hết tệp';
  const ch = text.codePointAt(offset) ?? 0;
  if (ch < 0x20) return `ký tự điều khiển U+${ch.toString(16).toUpperCase().padStart(4, '0')}`;
  return `ký tự '${String.fromCodePoint(ch)}'`;
}

class Parser {
  private pos = 0;
  readonly valueOffset = new Map<string, number>();
  readonly keyOffset = new Map<string, number>();
  readonly duplicateKeys: { pointer: string; offset: number; firstOffset: number }[] = [];

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    // A UTF-8 byte-order mark decoded as U+FEFF is tolerated at the very start.
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipWhitespace();
    const value = this.parseValue('', 0);
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      throw new JsonSyntaxError(this.pos, `có nội dung thừa sau khi JSON đã kết thúc (${describeChar(this.text, this.pos)})`);
    }
    return value;
  }

  private skipWhitespace(): void {
    for (;;) {
      const ch = this.text.charCodeAt(this.pos);
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13) this.pos++;
      else return;
    }
  }

  private fail(expected: string): never {
    const found = describeChar(this.text, this.pos);
    const message =
      this.pos >= this.text.length
        ? `JSON bị cắt cụt: hết tệp trong khi cần ${expected}`
        : `cần ${expected} nhưng gặp ${found}`;
    throw new JsonSyntaxError(this.pos, message);
  }

  private parseValue(pointer: string, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(this.pos, `JSON lồng nhau quá sâu (hơn ${MAX_DEPTH} cấp)`);
    this.valueOffset.set(pointer, this.pos);
    const ch = this.text[this.pos];
    switch (ch) {
      case '{':
        return this.parseObject(pointer, depth);
      case '[':
        return this.parseArray(pointer, depth);
      case '"':
        return this.parseString();
      case 't':
        return this.parseLiteral('true', true);
      case 'f':
        return this.parseLiteral('false', false);
      case 'n':
        return this.parseLiteral('null', null);
      default:
        if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.parseNumber();
        return this.fail('một giá trị JSON (chuỗi, số, true, false, null, đối tượng hoặc mảng)');
    }
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return value;
    }
    return this.fail(`'${word}'`);
  }

  private parseNumber(): number {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) return this.fail('một số hợp lệ');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private parseString(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = '';
    let chunkStart = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) throw new JsonSyntaxError(start, 'chuỗi chưa được đóng bằng dấu ngoặc kép');
      const code = this.text.charCodeAt(this.pos);
      if (code === 34) {
        out += this.text.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (code < 0x20) {
        throw new JsonSyntaxError(this.pos, `chuỗi chứa ${describeChar(this.text, this.pos)} (xuống dòng trong chuỗi phải viết là \\n)`);
      }
      if (code === 92) {
        out += this.text.slice(chunkStart, this.pos);
        out += this.parseEscape();
        chunkStart = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private parseEscape(): string {
    const next = this.text[this.pos + 1];
    if (next === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError(this.pos, 'mã \\u trong chuỗi phải có đúng 4 chữ số hệ 16');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const replacement = next === undefined ? undefined : ESCAPES[next];
    if (replacement === undefined) throw new JsonSyntaxError(this.pos, `ký tự thoát không hợp lệ '\\${next ?? ''}' trong chuỗi`);
    this.pos += 2;
    return replacement;
  }

  private parseObject(pointer: string, depth: number): Record<string, unknown> {
    this.pos++; // {
    const result: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail("tên trường trong ngoặc kép");
      const keyStart = this.pos;
      const key = this.parseString();
      const member = `${pointer}/${escapePointerSegment(key)}`;
      const firstOffset = this.keyOffset.get(member);
      if (firstOffset !== undefined && Object.hasOwn(result, key)) {
        this.duplicateKeys.push({ pointer: member, offset: keyStart, firstOffset });
      } else {
        this.keyOffset.set(member, keyStart);
      }
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail("dấu ':' sau tên trường");
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(member, depth + 1);
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      const sep = this.text[this.pos];
      if (sep === ',') {
        this.pos++;
        this.skipWhitespace();
        if (this.text[this.pos] === '}') this.fail('tên trường tiếp theo (JSON không cho phép dấu phẩy thừa trước })');
        continue;
      }
      if (sep === '}') {
        this.pos++;
        return result;
      }
      this.fail("dấu ',' hoặc '}'");
    }
  }

  private parseArray(pointer: string, depth: number): unknown[] {
    this.pos++; // [
    const result: unknown[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.parseValue(`${pointer}/${result.length}`, depth + 1));
      this.skipWhitespace();
      const sep = this.text[this.pos];
      if (sep === ',') {
        this.pos++;
        this.skipWhitespace();
        if (this.text[this.pos] === ']') this.fail('phần tử tiếp theo (JSON không cho phép dấu phẩy thừa trước ])');
        continue;
      }
      if (sep === ']') {
        this.pos++;
        return result;
      }
      this.fail("dấu ',' hoặc ']'");
    }
  }
}

/** Parses JSON text, returning the value with a source map, or the first syntax error with its position. */
export function parseJsonWithPositions(text: string): JsonParseResult {
  const lineColumn = makeLineColumn(text);
  const parser = new Parser(text);
  try {
    const value = parser.parseDocument();
    return {
      ok: true,
      value,
      map: {
        valueOffset: parser.valueOffset,
        keyOffset: parser.keyOffset,
        duplicateKeys: parser.duplicateKeys,
        lineColumn,
      },
    };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, ...lineColumn(error.offset), message: error.message };
  }
}
