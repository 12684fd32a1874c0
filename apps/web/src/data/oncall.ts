import type { AddOverrideRequest, DirectoryView } from '@firebreak/contract';
import type { FirebreakClient } from '@firebreak/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { collectShifts, SHIFT_HORIZON_DAYS } from '../lib/shifts';
import { fetchFile } from './fetch-file';
import { keys } from './keys';
import { useSession } from './session';

/** The directory in force (people, teams, schedules, overrides) and its revision. */
export function useDirectory() {
  const { client } = useSession();
  return useQuery({ queryKey: keys.directory(), queryFn: () => client.directory() });
}

/** Who is on call now on every schedule; re-read every minute, since shifts hand off by the clock. */
export function useOnCallNow() {
  const { client } = useSession();
  return useQuery({ queryKey: keys.onCall(), queryFn: () => client.onCall(), refetchInterval: 60_000 });
}

/**
 * A schedule's shifts over the next two weeks, asked of the server one hand-off at a time
 * (`onCall({ at })` at each shift's end): the web app reaches schedules only through the API.
 * Keyed by the directory's revision, so an override re-reads them.
 */
export function useUpcomingShifts(schedule: string, revision: number) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.upcomingShifts(schedule, revision),
    queryFn: () => {
      const from = new Date();
      const to = new Date(from.getTime() + SHIFT_HORIZON_DAYS * 86_400_000);
      return collectShifts(
        async (at) => (await client.onCall({ at, schedule })).onCall.find((row) => row.schedule === schedule),
        from,
        to,
      );
    },
    staleTime: 5 * 60_000,
  });
}

/** Adds or removes an override; the directory, who is on call and the shifts are re-read after. */
function useOverrideChange<In>(run: (client: FirebreakClient, input: In) => Promise<DirectoryView>) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: In) => run(client, input),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.directory(), view);
      void queryClient.invalidateQueries({ queryKey: keys.directory() });
    },
  });
}

/** Someone takes a schedule's pager for a period (a new directory revision). */
export function useAddOverride() {
  return useOverrideChange((client, override: AddOverrideRequest) => client.addOverride(override));
}

/** Removes an override by its id (a new directory revision). */
export function useRemoveOverride() {
  return useOverrideChange((client, id: string) => client.removeOverride(id));
}

/** The path of a schedule's iCalendar feed on the server. */
export function calendarPath(schedule: string): string {
  return `/api/v1/schedules/${encodeURIComponent(schedule)}/calendar.ics`;
}

/**
 * A schedule's iCalendar feed as a file, fetched with the token in a header (which a plain link
 * cannot carry; the SDK's client only speaks JSON), so the browser can save it.
 */
export async function fetchCalendar(client: FirebreakClient, token: string, schedule: string): Promise<Blob> {
  return (await fetchFile(client, token, calendarPath(schedule), `fetching the calendar of ${schedule}`)).blob();
}

/** Saves a schedule's feed as `<schedule>.ics`. */
export function useDownloadCalendar() {
  const { client, token } = useSession();
  return useMutation({
    mutationFn: async (schedule: string) => {
      const blob = await fetchCalendar(client, token, schedule);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${schedule}.ics`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
}
