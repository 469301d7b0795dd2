import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

/** Plugin id of the Progressive Delivery backend, for discovery and service tokens. */
const PROGRESSIVE_DELIVERY_PLUGIN_ID = 'progressive-delivery';

/** Keeps a backend error message (which could be anything) to a log-friendly length. */
const MAX_ERROR_MESSAGE_LENGTH = 300;

export interface FetchOrgScorecardsOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  windowDays: number;
  timeoutMs: number;
}

/**
 * `GET /api/progressive-delivery/scorecards?days=N` with this plugin's own service token.
 * Resolves to the parsed JSON body; throws an Error whose message says what went wrong
 * (never the token).
 */
export async function fetchOrgScorecards(
  options: FetchOrgScorecardsOptions,
): Promise<unknown> {
  const { discovery, auth, windowDays, timeoutMs } = options;
  const baseUrl = await discovery.getBaseUrl(PROGRESSIVE_DELIVERY_PLUGIN_ID);
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId: PROGRESSIVE_DELIVERY_PLUGIN_ID,
  });
  const url = `${baseUrl}/scorecards?days=${encodeURIComponent(windowDays)}`;

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new Error(describeFetchError(url, error, timeoutMs));
  }
  if (!response.ok) {
    throw new Error(`${url} answered ${describeErrorBody(response, text)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${response.status} without valid JSON`);
  }
}

/** Status plus the message of a Backstage error body (`{ error: { name, message } }`) when there is one. */
function describeErrorBody(response: Response, text: string): string {
  const status = `${response.status} ${response.statusText}`.trim();
  try {
    const message = JSON.parse(text)?.error?.message;
    if (typeof message === 'string' && message) {
      return `${status}: ${message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}`;
    }
  } catch {
    // not JSON: the status alone says enough
  }
  return status;
}

function describeFetchError(
  url: string,
  error: unknown,
  timeoutMs: number,
): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return `${url} did not answer within ${timeoutMs} ms`;
  }
  return `${url} is unreachable: ${
    e.cause?.code ?? e.cause?.message ?? e.message
  }`;
}
