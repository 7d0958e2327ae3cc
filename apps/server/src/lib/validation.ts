// The one validator compiler, chosen by request part. Params, query strings and headers arrive as text and are
// coerced by Fastify's own Ajv (with the options of serverOptions). Bodies are JSON and are never coerced: in an
// anyOf, coercion rewrites data — `null` ("no data" for an answer, no revenue figure) would become 0 before the
// engine sees it. Bodies are checked by @dbi/schema's Ajv, the same instance that validates definitions and inputs.
import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';
import { getAjv } from '@dbi/schema';

type ValidatorFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

export const bodyOrCoercingValidator = ((externalSchemas: never, options: never) => {
  const coercing = AjvCompiler()(externalSchemas, options) as unknown as FastifySchemaCompiler<unknown>;
  const compile: FastifySchemaCompiler<unknown> = (route) =>
    route.httpPart === 'body' ? getAjv().compile(route.schema as object) : coercing(route);
  return compile;
}) as unknown as ValidatorFactory;
