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
];
const readablePages: RouteObject[] = [
  { path: 'tai-khoan', lazy: async () => ({ Component: (await import('../features/admin/users-page.js')).UsersPage }) },
  { path: 'nhat-ky', lazy: async () => ({ Component: (await import('../features/admin/audit-page.js')).AuditPage }) },
];

/**
 * Client routes (Vietnamese paths, as citizens and staff read them). The server falls back to
 * index.html for any of these. Leaders may read accounts and the audit log; the other admin
 * pages are for administrators.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <CatalogPage /> },
      { path: 'thu-tuc', element: <CatalogPage /> },
      { path: 'thu-tuc/:code', element: <ProcedurePage /> },
      { path: 'dang-nhap', element: <LoginPage /> },
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
