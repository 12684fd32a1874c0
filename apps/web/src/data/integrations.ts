import type { PreviewRequest, PreviewResult } from '@firebreak/contract';
import { useMutation } from '@tanstack/react-query';
import { useSession } from './session';

/** The replay console (POST /integrations/preview): what a payload would become; the server stores nothing. */
export function usePreview() {
  const { client } = useSession();
  return useMutation({
    mutationFn: (body: PreviewRequest) => client.request<PreviewResult>('POST', '/api/v1/integrations/preview', body),
  });
}
