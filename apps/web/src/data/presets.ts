import type { PresetActionRequest, PresetApplication, PresetList } from '@firebreak/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

const enc = encodeURIComponent;

/** A system's presets (its safe mode among them), its guardrail tiers, and what is in force. */
export function usePresets(system: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.presets(system),
    queryFn: () => client.request<PresetList>('GET', `/api/v1/systems/${enc(system)}/presets`),
  });
}

/** Applies or reverts a preset as one change; the controls and the incident are re-read after. */
export function usePresetAction(system: string, preset: string, action: 'apply' | 'revert') {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PresetActionRequest) =>
      client.request<PresetApplication>(
        'POST',
        `/api/v1/systems/${enc(system)}/presets/${enc(preset)}/${action}`,
        body,
      ),
    onSuccess: (_, body) => {
      void queryClient.invalidateQueries({ queryKey: keys.controls() });
      if (body.incident) void queryClient.invalidateQueries({ queryKey: keys.incident(body.incident) });
    },
  });
}
