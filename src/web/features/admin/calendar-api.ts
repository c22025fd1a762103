import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarYear, CreateCalendarDayBody, UpdateCalendarDayBody } from '../../../shared/schemas/calendar.js';
import { api } from '../../lib/api.js';
import { adminKeys } from './api.js';

export const calendarKeys = {
  all: [...adminKeys.all, 'calendar'] as const,
  year: (year: number) => [...calendarKeys.all, year] as const,
};

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: calendarKeys.year(year),
    queryFn: ({ signal }) => api.get<CalendarYear>('/api/calendar', { query: { year }, signal }),
  });
}

/** Any change may move working days of the year: the whole calendar is refetched. */
function useCalendarChange<TArgs>(mutationFn: (args: TArgs) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }) });
}

export function useAddCalendarDay() {
  return useCalendarChange((body: CreateCalendarDayBody) => api.post('/api/calendar/days', body));
}

export function useUpdateCalendarDay() {
  return useCalendarChange(({ id, ...body }: UpdateCalendarDayBody & { id: string }) =>
    api.patch(`/api/calendar/days/${encodeURIComponent(id)}`, body),
  );
}

export function useDeleteCalendarDay() {
  return useCalendarChange((id: string) => api.delete(`/api/calendar/days/${encodeURIComponent(id)}`));
}
