// Same-origin JSON requests to the Palique API: the session cookie rides along, error bodies
// become ApiError with the server's own message (shown to the user as is).
import type { ZodType, z } from 'zod';
import { ErrorBody } from '@palique/protocol';
import { messages } from '../i18n/messages';

const m = messages.errors;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a request and parses the answer with `schema` (none for empty answers like 204). */
export async function apiRequest<S extends ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>>;
export async function apiRequest(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, schema: null, body?: unknown): Promise<void>;
export async function apiRequest(method: string, path: string, schema: ZodType | null, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', m.network);
  }
  if (!response.ok) throw await toApiError(response);
  if (!schema) return undefined;
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', m.badResponse);
  return parsed.data;
}

/** A1: uploads a file as it is (its own content type), parsing the answer with `schema`. */
export async function uploadFile<S extends ZodType>(path: string, schema: S, file: Blob): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'PUT', credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' }, body: file });
  } catch {
    throw new ApiError(0, 'network', m.network);
  }
  if (!response.ok) throw await toApiError(response);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', m.badResponse);
  return parsed.data;
}

async function toApiError(response: Response): Promise<ApiError> {
  const parsed = ErrorBody.safeParse(await response.json().catch(() => undefined));
  if (parsed.success) return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
  return new ApiError(response.status, 'http_' + response.status, m.httpStatus(response.status, response.statusText));
}

/** A message for any thrown value, for error banners. */
export function errorMessage(err: unknown): string {
  return err instanceof Error && err.message ? err.message : m.unknown;
}
