import { createBrowserRouter, type RouteObject } from 'react-router';
import { AdminIndex, AdminLayout } from '../features/admin/admin-layout.js';
import { ChangePasswordPage } from '../features/auth/change-password-page.js';
import { LoginPage } from '../features/auth/login-page.js';
import { RequireSession } from '../features/auth/require-session.js';
import { CatalogPage } from '../features/portal/catalog-page.js';
import { ProcedurePage } from '../features/portal/procedure-page.js';
import { RootLayout } from './layout.js';
import { NotFoundPage, RouteErrorPage } from './route-errors.js';

/** Admin pages load on demand: citizens on a phone never download them. */
const adminPages: RouteObject[] = [
  { path: 'trung-tam', lazy: async () => ({ Component: (await import('../features/admin/center-page.js')).CenterPage }) },
  { path: 'linh-vuc', lazy: async () => ({ Component: (await import('../features/admin/fields-page.js')).FieldsPage }) },
  { path: 'quay', lazy: async () => ({ Component: (await import('../features/admin/counters-page.js')).CountersPage }) },
  { path: 'thiet-bi', lazy: async () => ({ Component: (await import('../features/admin/devices-page.js')).DevicesPage }) },
  { path: 'lich', lazy: async () => ({ Component: (await import('../features/admin/calendar-page.js')).CalendarPage }) },
  { path: 'thu-tuc', lazy: async () => ({ Component: (await import('../features/admin/procedures-page.js')).ProceduresPage }) },
  { path: 'uu-tien', lazy: async () => ({ Component: (await import('../features/admin/priority-groups-page.js')).PriorityGroupsPage }) },
];
const readablePages: RouteObject[] = [
  { path: 'hang-doi', lazy: async () => ({ Component: (await import('../features/admin/queue-overview-page.js')).QueueOverviewPage }) },
  { path: 'tai-khoan', lazy: async () => ({ Component: (await import('../features/admin/users-page.js')).UsersPage }) },
  { path: 'nhat-ky', lazy: async () => ({ Component: (await import('../features/admin/audit-page.js')).AuditPage }) },
];

/** The counter console, for the staff who work at counters. */
const counterPages: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('../features/counter/counter-picker-page.js')).CounterPickerPage }) },
  { path: ':counterId', lazy: async () => ({ Component: (await import('../features/counter/console-page.js')).ConsolePage }) },
];

/** Dossiers: reception at the counter, the staff's worklists, one dossier. */
const dossierPages: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('../features/dossiers/worklist-page.js')).WorklistPage }) },
  { path: 'truc-tuyen', lazy: async () => ({ Component: (await import('../features/online/review-list-page.js')).OnlineReviewListPage }) },
  { path: 'tro-ly', lazy: async () => ({ Component: (await import('../features/assistant/handoffs-page.js')).HandoffsPage }) },
  { path: ':id', lazy: async () => ({ Component: (await import('../features/dossiers/dossier-page.js')).DossierPage }) },
];
const lookupPage = async () => ({ Component: (await import('../features/dossiers/lookup-page.js')).LookupPage });

/**
 * Device pages (full screen, no site header; a device token instead of a staff session):
 * the ticket kiosk, the hall's display board, the rating tablet at a counter.
 */
const devicePages: RouteObject[] = [
  { path: '/lay-so', lazy: async () => ({ Component: (await import('../features/kiosk/kiosk-page.js')).KioskPage }) },
  { path: '/man-hinh', lazy: async () => ({ Component: (await import('../features/display/board-page.js')).BoardPage }) },
  { path: '/danh-gia', lazy: async () => ({ Component: (await import('../features/rating/rating-page.js')).RatingPage }) },
];

/**
 * Client routes (Vietnamese paths, as citizens and staff read them). The server falls back to
 * index.html for any of these. Leaders may read accounts, the audit log and the queue
 * overview; the other admin pages are for administrators.
 */
export const router = createBrowserRouter([
  ...devicePages.map((route) => ({ ...route, errorElement: <RouteErrorPage /> })),
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <CatalogPage /> },
      { path: 'thu-tuc', element: <CatalogPage /> },
      { path: 'thu-tuc/:code', element: <ProcedurePage /> },
      { path: 'dang-nhap', element: <LoginPage /> },
      { path: 'so/:token', lazy: async () => ({ Component: (await import('../features/ticket/live-ticket-page.js')).LiveTicketPage }) },
      { path: 'tra-cuu', lazy: lookupPage },
      { path: 'nop-truc-tuyen/trang-thai/:token', lazy: async () => ({ Component: (await import('../features/online/status-page.js')).OnlineStatusPage }) },
      { path: 'nop-truc-tuyen/:code', lazy: async () => ({ Component: (await import('../features/online/submit-page.js')).OnlineSubmitPage }) },
      { path: 'tra-cuu/:code', lazy: lookupPage },
      {
        path: 'tiep-nhan',
        element: <RequireSession roles={['receptionist', 'admin']} />,
        children: [{ index: true, lazy: async () => ({ Component: (await import('../features/dossiers/reception-page.js')).ReceptionPage }) }],
      },
      { path: 'ho-so', element: <RequireSession />, children: dossierPages },
      { path: 'quay', element: <RequireSession roles={['receptionist', 'specialist', 'admin']} />, children: counterPages },
      { element: <RequireSession />, children: [{ path: 'doi-mat-khau', element: <ChangePasswordPage /> }] },
      {
        path: 'quan-tri',
        element: <RequireSession roles={['admin', 'leader']} />,
        children: [
          {
            element: <AdminLayout />,
            children: [
              { index: true, element: <AdminIndex /> },
              ...readablePages,
              { element: <RequireSession roles={['admin']} />, children: adminPages },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
