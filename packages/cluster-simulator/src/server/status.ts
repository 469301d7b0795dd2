import { qualifiedResource, ResourceInfo } from './registry';

/** A failure the server answers with a Kubernetes `Status` body. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: Record<string, unknown>;
  code: number;
}

export function statusBody(err: ApiError): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: err.message,
    reason: err.reason,
    ...(err.details ? { details: err.details } : {}),
    code: err.code,
  };
}

// Kubernetes puts the resource (plural) into details.kind for these errors.
function detailsOf(r: ResourceInfo, name?: string): Record<string, unknown> {
  return {
    ...(name !== undefined ? { name } : {}),
    ...(r.group ? { group: r.group } : {}),
    kind: r.plural,
  };
}

export const errors = {
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (
    user: string,
    verb: string,
    r: ResourceInfo,
    name?: string,
    namespace?: string,
  ) =>
    new ApiError(
      403,
      'Forbidden',
      `${qualifiedResource(r)}${
        name ? ` "${name}"` : ''
      } is forbidden: User "${user}" cannot ${verb} resource "${
        r.plural
      }" in API group "${r.group}"${
        namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope'
      }`,
      detailsOf(r, name),
    ),
  notFound: (r: ResourceInfo, name: string) =>
    new ApiError(
      404,
      'NotFound',
      `${qualifiedResource(r)} "${name}" not found`,
      detailsOf(r, name),
    ),
  pathNotFound: () =>
    new ApiError(
      404,
      'NotFound',
      'the server could not find the requested resource',
      {},
    ),
  methodNotAllowed: (method: string) =>
    new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource (${method})`,
      {},
    ),
  alreadyExists: (r: ResourceInfo, name: string) =>
    new ApiError(
      409,
      'AlreadyExists',
      `${qualifiedResource(r)} "${name}" already exists`,
      detailsOf(r, name),
    ),
  conflict: (r: ResourceInfo, name: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(
        r,
      )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      detailsOf(r, name),
    ),
  expired: (message: string) => new ApiError(410, 'Expired', message),
  tooLarge: (limit: number) =>
    new ApiError(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: limit is ${limit}`,
    ),
  unsupportedMediaType: (message: string) =>
    new ApiError(415, 'UnsupportedMediaType', message),
  invalid: (
    r: ResourceInfo,
    name: string,
    causes: Array<{ field: string; message: string }>,
  ) =>
    new ApiError(
      422,
      'Invalid',
      `${r.kind}${r.group ? `.${r.group}` : ''} "${name}" is invalid: ${causes
        .map(c => `${c.field}: ${c.message}`)
        .join(', ')}`,
      {
        name,
        ...(r.group ? { group: r.group } : {}),
        kind: r.kind,
        causes: causes.map(c => ({
          reason: 'FieldValueInvalid',
          message: c.message,
          field: c.field,
        })),
      },
    ),
  internal: (message: string) =>
    new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
      causes: [{ message }],
    }),
  unavailable: (message: string) =>
    new ApiError(503, 'ServiceUnavailable', message),
};
