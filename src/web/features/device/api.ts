import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import type { DeviceMe as DeviceMeSchema } from '../../../shared/schemas/accounts.js';
import type { DeviceKind as DeviceKindSchema } from '../../../shared/schemas/common.js';
import { api, isApiError } from '../../lib/api.js';

export type DeviceMe = Static<typeof DeviceMeSchema>;
export type DeviceKind = Static<typeof DeviceKindSchema>;

/** Device tokens start with this (see the server's accounts/devices.ts). */
export const DEVICE_TOKEN_PATTERN = /^mcd_[A-Za-z0-9_-]{10,200}$/u;

const storageKey = (kind: DeviceKind) => `motcua.device.${kind}`;

/** The token saved on this machine for a device page of this kind (one per kind: a PC may run the board and a kiosk). */
export function savedToken(kind: DeviceKind): string | null {
  try {
    return window.localStorage.getItem(storageKey(kind));
  } catch {
    return null;
  }
}

export function saveToken(kind: DeviceKind, token: string | null): void {
  try {
    if (token) window.localStorage.setItem(storageKey(kind), token);
    else window.localStorage.removeItem(storageKey(kind));
  } catch {
    // Private mode: the device asks for its token again after a reload.
  }
}

/**
 * A token handed over in the address (`/man-hinh#token=mcd_…`, handy for a TV without a
 * keyboard). The fragment never reaches the server; `forgetAddressToken` removes it from the
 * address bar once it has been read.
 */
export function tokenInAddress(): string | null {
  const match = /(?:^#|&)token=([^&]+)/u.exec(window.location.hash);
  if (!match?.[1]) return null;
  const token = decodeURIComponent(match[1]);
  return DEVICE_TOKEN_PATTERN.test(token) ? token : null;
}

export function forgetAddressToken(): void {
  if (!/(?:^#|&)token=/u.test(window.location.hash)) return;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

export const deviceKeys = { me: (token: string) => ['device', 'me', token] as const };

/**
 * The calling device (GET /api/device/me), once the api client sends its token. A server that
 * is not up yet (a board switched on before it) is retried with back-off; a refusal is final.
 */
export function useDeviceMe(token: string | null) {
  return useQuery({
    queryKey: deviceKeys.me(token ?? ''),
    queryFn: ({ signal }) => api.get<DeviceMe>('/api/device/me', { signal }),
    enabled: token !== null,
    staleTime: Infinity,
    retry: (_count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500),
    retryDelay: (attempt) => Math.min(30_000, 1000 * 2 ** attempt),
  });
}
