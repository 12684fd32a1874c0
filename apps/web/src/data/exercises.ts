import type { Exercise } from '@firebreak/contract';
import type { FirebreakClient } from '@firebreak/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

/**
 * While a drill is set up or runs, its scorecard also moves with its incident's timeline (a
 * declaration, a containment), which the `exercise` event does not carry: re-read it every two
 * seconds until it ends.
 */
const LIVE_MS = 2_000;

/** The built-in scenario library, for the New drill form. */
export function useScenarios() {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.scenarios(),
    queryFn: () => client.listScenarios().then((body) => body.scenarios),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Drills, newest first; the live feed's `exercise` events re-read it. */
export function useExerciseList() {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.exerciseList(),
    queryFn: () => client.listExercises({ limit: 200 }).then((body) => body.exercises),
  });
}

/** One drill: clock, injects, incidents and the scorecard as it fills. */
export function useExercise(id: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.exercise(id),
    queryFn: () => client.getExercise(id),
    refetchInterval: (query) => {
      const data = query.state.data as Exercise | undefined;
      return data && data.status !== 'ended' ? LIVE_MS : false;
    },
  });
}

/** The drill report in Markdown (after-action report and improvement plan). */
export function useExerciseReport(id: string, enabled: boolean) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.exerciseReport(id),
    queryFn: () => client.exerciseReport(id).then((body) => body.markdown),
    enabled,
  });
}

type CreateRequest = Parameters<FirebreakClient['createExercise']>[0];

/** Sets up a drill (its exercise space); `onCreated` gets it, ready to start. */
export function useCreateExercise(onCreated: (exercise: Exercise) => void) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateRequest) => client.createExercise(request),
    onSuccess: (exercise) => {
      queryClient.setQueryData(keys.exercise(exercise.id), exercise);
      void queryClient.invalidateQueries({ queryKey: keys.exerciseList() });
      onCreated(exercise);
    },
  });
}

/**
 * A facilitator's change to a drill (its clock, an inject, the hotwash): the answer is the drill
 * as it is now, shown at once; the list and the report are re-read.
 *
 * @example
 * const pause = useExerciseChange(id, (client) => client.exerciseClock(id, { action: 'pause' }));
 */
export function useExerciseChange<In>(id: string, run: (client: FirebreakClient, input: In) => Promise<Exercise>) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: In) => run(client, input),
    onSuccess: (exercise) => {
      queryClient.setQueryData(keys.exercise(id), exercise);
      void queryClient.invalidateQueries({ queryKey: keys.exerciseList() });
      void queryClient.invalidateQueries({ queryKey: keys.exerciseReport(id) });
    },
  });
}
