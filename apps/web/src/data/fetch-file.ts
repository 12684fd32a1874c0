import { FirebreakApiError, type FirebreakClient } from '@firebreak/sdk';

/**
 * Fetches a file from the API with the token in a header (which a plain link cannot carry; the
 * SDK's client only speaks JSON). A refusal comes back as the API's error, or, when the body
 * is not one, as `HTTP <status> <what>`.
 *
 * @example
 * const blob = await (await fetchFile(client, token, '/api/v1/oncall/schedules/x/calendar', 'fetching the calendar of x')).blob();
 */
export async function fetchFile(client: FirebreakClient, token: string, path: string, what: string): Promise<Response> {
  const response = await fetch(`${client.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      | { error?: { code?: string; message?: string; requestId?: string } }
      | undefined;
    throw new FirebreakApiError({
      status: response.status,
      code: body?.error?.code ?? 'unexpected_response',
      message: body?.error?.message ?? `HTTP ${response.status} ${what}`,
      ...(body?.error?.requestId ? { requestId: body.error.requestId } : {}),
    });
  }
  return response;
}
