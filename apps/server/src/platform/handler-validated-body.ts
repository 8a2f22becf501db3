/**
 * For a route whose body schema depends on a path parameter (`/actions/{action}`): the route
 * documents the union of the bodies, and its handler checks the body with the one schema the
 * path names (so a bad body gets that action's exact details). Parameters, query and headers
 * are still checked by their schemas before the handler runs.
 */
import type { FastifyRouteSchemaDef, FastifyValidationResult } from 'fastify/types/schema';
import { validatorCompiler } from 'fastify-type-provider-zod';

/** A route's `validatorCompiler`: the body passes through to the handler, every other part is validated. */
export function bodyCheckedInHandler<S>(route: FastifyRouteSchemaDef<S>): FastifyValidationResult {
  if (route.httpPart === 'body') return (data: unknown) => ({ value: data });
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}
