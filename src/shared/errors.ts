/**
 * The one error registry. Every error a person can see has a stable code, an HTTP status and
 * a message in Vietnamese (first) and English. The server renders them as RFC 9457
 * problem+json; the web client shows `detail` from the response, or the message from here.
 */
export const ERRORS = {
  // Request shape
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The submitted data is invalid.' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  EMPTY_BODY: { status: 400, vi: 'Yêu cầu thiếu nội dung.', en: 'The request body is empty.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Định dạng nội dung không được hỗ trợ (cần application/json).',
    en: 'Unsupported content type (application/json expected).',
  },
  ROUTE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy địa chỉ được yêu cầu.', en: 'The requested address does not exist.' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' },
  RATE_LIMITED: {
    status: 429,
    vi: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
    en: 'Too many requests. Please try again in a few minutes.',
  },
  INTERNAL: {
    status: 500,
    vi: 'Hệ thống gặp lỗi ngoài ý muốn. Vui lòng thử lại hoặc báo cho quản trị viên.',
    en: 'An unexpected error occurred. Please try again or tell the administrator.',
  },
  NOT_READY: { status: 503, vi: 'Hệ thống chưa sẵn sàng.', en: 'The system is not ready.' },

  // Authentication and permissions
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập để tiếp tục.', en: 'Please sign in to continue.' },
  INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Incorrect username or password.',
  },
  ACCOUNT_LOCKED: {
    status: 429,
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.',
    en: 'The account is temporarily locked after repeated failed sign-ins. Try again later.',
  },
  ACCOUNT_DISABLED: { status: 403, vi: 'Tài khoản đã bị vô hiệu hóa.', en: 'This account is disabled.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  CSRF_FAILED: {
    status: 403,
    vi: 'Phiên làm việc không hợp lệ. Vui lòng tải lại trang.',
    en: 'Invalid session token. Please reload the page.',
  },
  DEVICE_TOKEN_INVALID: {
    status: 401,
    vi: 'Mã thiết bị không hợp lệ hoặc đã bị thu hồi.',
    en: 'The device token is invalid or revoked.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    vi: 'Bạn cần đổi mật khẩu tạm trước khi tiếp tục.',
    en: 'Please change your temporary password first.',
  },
  WRONG_CURRENT_PASSWORD: { status: 400, vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  PASSWORD_TOO_WEAK: {
    status: 400,
    vi: 'Mật khẩu cần ít nhất 10 ký tự và không trùng tên đăng nhập.',
    en: 'The password needs at least 10 characters and must differ from the username.',
  },

  // Centers and organisation
  CENTER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy trung tâm.', en: 'Center not found.' },
  CENTER_SLUG_TAKEN: { status: 409, vi: 'Mã trung tâm đã được dùng.', en: 'This center slug is already used.' },
  AGENCY_CODE_TAKEN: { status: 409, vi: 'Mã định danh cơ quan này đã được một trung tâm khác sử dụng.', en: 'Another center already uses this agency code.' },
  FIELD_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lĩnh vực.', en: 'Field not found.' },
  FIELD_PREFIX_TAKEN: {
    status: 409,
    vi: 'Ký hiệu số thứ tự này đã được lĩnh vực khác sử dụng.',
    en: 'This ticket prefix is used by another field.',
  },
  FIELD_NAME_TAKEN: { status: 409, vi: 'Đã có lĩnh vực cùng tên.', en: 'A field with this name exists.' },
  COUNTER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy quầy.', en: 'Counter not found.' },
  COUNTER_NUMBER_TAKEN: { status: 409, vi: 'Số quầy này đã tồn tại.', en: 'This counter number already exists.' },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài khoản.', en: 'Account not found.' },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã được sử dụng.', en: 'This username is taken.' },
  LAST_ADMIN: {
    status: 409,
    vi: 'Không thể thay đổi quản trị viên cuối cùng của trung tâm.',
    en: 'The last administrator of a center cannot be changed or disabled.',
  },
  DEVICE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thiết bị.', en: 'Device not found.' },
  DEVICE_ALREADY_REVOKED: { status: 409, vi: 'Thiết bị đã bị thu hồi trước đó.', en: 'The device is already revoked.' },

  // Catalog and calendar
  PROCEDURE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thủ tục hành chính.', en: 'Procedure not found.' },
  CATALOG_FILE_INVALID: { status: 400, vi: 'Tệp danh mục thủ tục không hợp lệ.', en: 'The catalog file is invalid.' },
  CALENDAR_DAY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy ngày trong lịch.', en: 'Calendar entry not found.' },
  CALENDAR_DAY_TAKEN: {
    status: 409,
    vi: 'Ngày này đã có trong lịch của trung tâm.',
    en: 'This date is already in the center calendar.',
  },
  WORKING_HOURS_INVALID: {
    status: 400,
    vi: 'Giờ làm việc không hợp lệ (giờ bắt đầu phải trước giờ kết thúc, các buổi không chồng nhau).',
    en: 'Invalid working hours (start before end, sessions must not overlap).',
  },

  // Queue
  TICKET_NOT_FOUND: { status: 404, vi: 'Không tìm thấy số thứ tự.', en: 'Ticket not found.' },
  TICKET_STATE_CONFLICT: {
    status: 409,
    vi: 'Số thứ tự này đã được xử lý ở nơi khác hoặc không còn ở trạng thái phù hợp.',
    en: 'This ticket was already handled elsewhere or is no longer in a suitable state.',
  },
  TICKET_ALREADY_RATED: { status: 409, vi: 'Lượt phục vụ này đã được đánh giá.', en: 'This service was already rated.' },
  NOTHING_TO_RATE: { status: 404, vi: 'Hiện không có lượt phục vụ nào chờ đánh giá.', en: 'There is no service waiting for a rating.' },
  FIELD_INACTIVE: { status: 409, vi: 'Lĩnh vực này hiện không nhận hồ sơ.', en: 'This field is not taking tickets now.' },
  PRIORITY_GROUP_NOT_FOUND: { status: 404, vi: 'Không tìm thấy nhóm ưu tiên.', en: 'Priority group not found.' },
  COUNTER_NOT_OPEN: { status: 409, vi: 'Quầy chưa mở. Vui lòng mở quầy trước.', en: 'The counter is not open. Open it first.' },
  COUNTER_TAKEN: {
    status: 409,
    vi: 'Quầy đang được cán bộ khác sử dụng.',
    en: 'Another officer is working at this counter.',
  },
  COUNTER_BUSY: {
    status: 409,
    vi: 'Quầy đang phục vụ một số thứ tự. Hãy kết thúc hoặc chuyển số đó trước.',
    en: 'The counter is serving a ticket. Finish or transfer it first.',
  },
  NO_CURRENT_TICKET: { status: 409, vi: 'Quầy chưa gọi số nào.', en: 'The counter has no current ticket.' },

  // Files
  FILE_EMPTY: { status: 400, vi: 'Tệp gửi lên không có nội dung (0 byte).', en: 'The uploaded file is empty (0 bytes).' },
  FILE_TOO_LARGE: { status: 413, vi: 'Tệp gửi lên vượt quá dung lượng cho phép.', en: 'The uploaded file is larger than allowed.' },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Chỉ nhận tệp PDF, JPEG hoặc PNG. Nội dung tệp không đúng định dạng này.',
    en: 'Only PDF, JPEG or PNG files are accepted. The file content is not one of these.',
  },
  FILE_NAME_INVALID: {
    status: 400,
    vi: 'Tên tệp không hợp lệ (có đường dẫn hoặc ký tự điều khiển).',
    en: 'The file name is invalid (it contains a path or control characters).',
  },
  TOO_MANY_FILES: { status: 413, vi: 'Gửi quá nhiều tệp trong một lần.', en: 'Too many files in one upload.' },
  FILE_MISSING: { status: 400, vi: 'Chưa có tệp nào được gửi lên.', en: 'No file was uploaded.' },
  MULTIPART_EXPECTED: {
    status: 415,
    vi: 'Tệp phải được gửi dạng multipart/form-data.',
    en: 'Files must be sent as multipart/form-data.',
  },
  UPLOAD_INTERRUPTED: {
    status: 400,
    vi: 'Việc gửi tệp bị gián đoạn hoặc dữ liệu không hoàn chỉnh. Vui lòng gửi lại.',
    en: 'The upload was interrupted or incomplete. Please send it again.',
  },
  FILE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp.', en: 'File not found.' },
  UPLOAD_TOO_LARGE: {
    status: 413,
    vi: 'Tổng dung lượng các tệp gửi lên vượt quá mức cho phép.',
    en: 'The uploaded files together are larger than allowed.',
  },
  FILE_STORE_UNAVAILABLE: {
    status: 503,
    vi: 'Kho lưu trữ tệp tạm thời không truy cập được. Vui lòng thử lại sau ít phút.',
    en: 'The file storage is temporarily unreachable. Please try again in a few minutes.',
  },

  // Online submission
  ONLINE_NOT_AVAILABLE: {
    status: 409,
    vi: 'Thủ tục này chưa được tiếp nhận trực tuyến tại trung tâm đã chọn.',
    en: 'This procedure cannot be submitted online at the chosen center.',
  },
  ONLINE_SUBMISSION_INVALID: {
    status: 400,
    vi: 'Thông tin hồ sơ nộp trực tuyến không hợp lệ.',
    en: 'The online submission is invalid.',
  },
  ONLINE_DOCUMENTS_MISSING: {
    status: 400,
    vi: 'Chưa đính kèm tệp cho một số giấy tờ bắt buộc.',
    en: 'Some required documents have no file attached.',
  },
  SUBMISSION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy hồ sơ nộp trực tuyến (đường dẫn không đúng hoặc đã hết hiệu lực).',
    en: 'Online submission not found (the link is wrong or no longer valid).',
  },

  // Payments
  PAYMENT_QR_INVALID: {
    status: 400,
    vi: 'Thông tin tạo mã QR chuyển khoản không hợp lệ (mã ngân hàng, số tài khoản, số tiền hoặc nội dung).',
    en: 'The bank-transfer QR details are invalid (bank BIN, account number, amount or purpose).',
  },

  // Dossiers
  DOSSIER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hồ sơ.', en: 'Dossier not found.' },
  DOSSIER_INCOMPLETE: {
    status: 409,
    vi: 'Hồ sơ chưa đủ thành phần bắt buộc, chưa thể tiếp nhận. Hãy lập phiếu yêu cầu bổ sung.',
    en: 'Required documents are missing; the dossier cannot be accepted. Issue a supplementation request.',
  },
  DOSSIER_DEADLINE_UNKNOWN: {
    status: 400,
    vi: 'Danh mục chưa có thời hạn giải quyết (ngày làm việc) cho thủ tục này. Vui lòng nhập số ngày làm việc.',
    en: 'The catalog has no time limit in working days for this procedure. Enter the working days.',
  },
  DOSSIER_STATE_CONFLICT: {
    status: 409,
    vi: 'Hồ sơ không ở trạng thái cho phép thao tác này (có thể đã được người khác xử lý).',
    en: 'The dossier is not in a state that allows this (someone may have handled it already).',
  },
  DOSSIER_SUPPLEMENT_ONCE: {
    status: 409,
    vi: 'Chỉ được yêu cầu bổ sung, hoàn thiện hồ sơ một lần.',
    en: 'Supplementation may be requested only once.',
  },
  DOSSIER_APOLOGY_ONCE: { status: 409, vi: 'Ngày hẹn trả kết quả chỉ được hẹn lại một lần.', en: 'The return date can be changed only once.' },
  DOSSIER_APOLOGY_TOO_LATE: {
    status: 409,
    vi: 'Văn bản xin lỗi và hẹn lại phải được lập chậm nhất 01 ngày trước ngày hẹn trả kết quả.',
    en: 'The apology with a new date must be issued at least one day before the due date.',
  },
  SLIP_NOT_AVAILABLE: {
    status: 409,
    vi: 'Hồ sơ chưa có thông tin để lập phiếu này (ví dụ: chưa từng bị từ chối thì không có phiếu từ chối).',
    en: 'The dossier has no record this slip is made from (e.g. no refusal slip for a dossier never refused).',
  },
  DOSSIER_FEE_PAID: { status: 409, vi: 'Hồ sơ đã thu đủ phí, lệ phí; không thể sửa mức phí.', en: 'The fee has been paid in full; it can no longer be changed.' },
  PAYMENT_NOT_DUE: { status: 409, vi: 'Hồ sơ không có khoản phí, lệ phí nào phải nộp.', en: 'Nothing is due for this dossier.' },
  PAYMENT_EXCEEDS_DUE: { status: 400, vi: 'Số tiền thu vượt quá số phí, lệ phí còn phải nộp.', en: 'The amount exceeds what is still due.' },
  BANK_ACCOUNT_NOT_SET: { status: 409, vi: 'Trung tâm chưa khai báo tài khoản nhận chuyển khoản.', en: 'The center has no bank account set for transfers.' },
  CITIZEN_ID_INVALID: { status: 400, vi: 'Số định danh cá nhân không hợp lệ.', en: 'Invalid personal identification number.' },

  // Reading documents (copilot)
  IMAGE_EXPECTED: {
    status: 415,
    vi: 'Chỉ nhận ảnh chụp hoặc ảnh quét dạng JPEG hoặc PNG.',
    en: 'Only a JPEG or PNG photo or scan is accepted.',
  },
  IMAGE_UNREADABLE: { status: 422, vi: 'Không đọc được ảnh (tệp hỏng hoặc kích thước không phù hợp).', en: 'The image cannot be decoded (damaged file or unsuitable size).' },
  OCR_BUSY: {
    status: 503,
    vi: 'Hệ thống đang đọc nhiều ảnh khác. Vui lòng thử lại sau ít giây.',
    en: 'The system is reading other images. Please try again in a few seconds.',
  },
  OCR_TIMEOUT: {
    status: 503,
    vi: 'Đọc ảnh quá lâu nên đã dừng. Hãy chụp lại ảnh rõ hơn hoặc nhập tay.',
    en: 'Reading the image took too long and was stopped. Take a clearer photo or type the data.',
  },
  // Citizen assistant
  ASSISTANT_SESSION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy cuộc trò chuyện với trợ lý (có thể đã hết hạn lưu).',
    en: 'Assistant conversation not found (it may have expired).',
  },
  ASSISTANT_HANDOFF_NO_CENTER: {
    status: 409,
    vi: 'Cuộc trò chuyện chưa gắn với trung tâm nào nên chưa thể chuyển cho cán bộ. Vui lòng chọn trung tâm rồi hỏi lại.',
    en: 'The conversation is not linked to a center, so it cannot be handed to staff. Choose a center and ask again.',
  },
  ASSISTANT_CONVERSATION_STATE_CONFLICT: {
    status: 409,
    vi: 'Cuộc trò chuyện không ở trạng thái cho phép thao tác này (có thể cán bộ khác đã xử lý).',
    en: 'The conversation is not in a state that allows this (another official may have handled it).',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** RFC 9457 problem details as motcua renders them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  /** Field-level problems for VALIDATION_FAILED (`path` is a JSON pointer into the body or query). */
  errors?: Array<{ path: string; message: string }>;
  /** Seconds to wait, for rate limits and lockouts. */
  retryAfter?: number;
}

export function problemType(code: ErrorCode): string {
  return `/api/problems/${code}`;
}
