import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

/** Turns Ajv errors into Vietnamese sentences with a JSON pointer to the offending value. */
export function describeValidationErrors(
  errors: FastifySchemaValidationError[],
  part: string,
): Array<{ path: string; message: string }> {
  return errors.map((e) => {
    const params = e.params as Record<string, unknown>;
    let path = `${part}${e.instancePath}`;
    let message: string;
    switch (e.keyword) {
      case 'required':
        path = `${path}/${String(params.missingProperty)}`;
        message = `Thiếu trường bắt buộc "${String(params.missingProperty)}".`;
        break;
      case 'additionalProperties':
        path = `${path}/${String(params.additionalProperty)}`;
        message = `Trường "${String(params.additionalProperty)}" không được chấp nhận.`;
        break;
      case 'type':
        message = `Sai kiểu dữ liệu: cần ${typeName(String(params.type))}.`;
        break;
      case 'minLength':
        message = `Cần ít nhất ${String(params.limit)} ký tự.`;
        break;
      case 'maxLength':
        message = `Không được quá ${String(params.limit)} ký tự.`;
        break;
      case 'minimum':
        message = `Giá trị nhỏ nhất là ${String(params.limit)}.`;
        break;
      case 'maximum':
        message = `Giá trị lớn nhất là ${String(params.limit)}.`;
        break;
      case 'minItems':
        message = `Cần ít nhất ${String(params.limit)} phần tử.`;
        break;
      case 'maxItems':
        message = `Không được quá ${String(params.limit)} phần tử.`;
        break;
      case 'pattern':
        message = 'Giá trị không đúng định dạng.';
        break;
      case 'format':
        message = `Giá trị không đúng định dạng ${String(params.format)}.`;
        break;
      case 'enum':
      case 'const':
      case 'anyOf':
        message = 'Giá trị không nằm trong danh sách cho phép.';
        break;
      case 'uniqueItems':
        message = 'Danh sách có phần tử trùng nhau.';
        break;
      default:
        message = 'Giá trị không hợp lệ.';
    }
    return { path, message };
  });
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    string: 'chuỗi ký tự',
    integer: 'số nguyên',
    number: 'số',
    boolean: 'true/false',
    object: 'đối tượng',
    array: 'danh sách',
    null: 'null',
  };
  return t
    .split(',')
    .map((x) => names[x] ?? x)
    .join(' hoặc ');
}
