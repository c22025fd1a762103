import type { DossierStatus } from '../../db/schema.js';

/**
 * Internal statuses and the status codes one-stop systems exchange with the National Public
 * Service Portal (REFERENCE §d.1: 1 Mới đăng ký, 2 Được tiếp nhận, 3 Không được tiếp nhận,
 * 4 Đang xử lý, 5 Yêu cầu bổ sung giấy tờ, 6 Yêu cầu thực hiện nghĩa vụ tài chính, 7 Công dân
 * yêu cầu rút hồ sơ, 8 Dừng xử lý, 9 Đã xử lý xong, 10 Đã trả kết quả). A later sync needs only
 * this table.
 */
export const DVCQG_STATUS: Record<DossierStatus, number> = {
  submitted: 1,
  incomplete: 1,
  received: 2,
  refused: 3,
  processing: 4,
  awaiting_approval: 4,
  supplement_requested: 5,
  withdrawn: 7,
  stopped: 8,
  result_ready: 9,
  returned: 10,
};

export const STATUS_LABEL_VI: Record<DossierStatus, string> = {
  submitted: 'Mới đăng ký (chờ tiếp nhận)',
  incomplete: 'Chưa đủ hồ sơ (đã hướng dẫn bổ sung)',
  received: 'Đã tiếp nhận',
  refused: 'Không được tiếp nhận',
  processing: 'Đang xử lý',
  awaiting_approval: 'Chờ lãnh đạo phê duyệt',
  supplement_requested: 'Yêu cầu bổ sung giấy tờ',
  withdrawn: 'Công dân rút hồ sơ',
  stopped: 'Dừng xử lý',
  result_ready: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
};

/** Statuses in which the legal clock runs. */
export const CLOCK_RUNNING: readonly DossierStatus[] = ['received', 'processing', 'awaiting_approval'];
