import { useQuery } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

/** The AI system catalog; it changes rarely, so it is kept fresh for a minute. */
export function useSystems() {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.systems(),
    queryFn: () => client.listSystems().then((body) => body.systems),
    staleTime: 60_000,
  });
}

/** One system's full card. */
export function useSystem(id: string) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.system(id), queryFn: () => client.getSystem(id) });
}
