/** The problem+json responses a route can give, for its OpenAPI schema (RFC 9457, see shared/errors.ts). */
const problem = { $ref: 'Problem' } as const;
export const PROBLEMS = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem } as const;
export const PROBLEM = problem;
