import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.js';
import { DomainError } from '../core/errors.js';
import { registerActorRoutes } from './routes/actors.routes.js';
import { registerEventRoutes } from './routes/events.routes.js';
import { registerEvidenceRoutes } from './routes/evidence.routes.js';
import { registerItemRoutes } from './routes/items.routes.js';
import { registerSourceRoutes } from './routes/sources.routes.js';
import { registerThreatRoutes } from './routes/threat.routes.js';

const STATUS: Record<DomainError['code'], number> = {
  validation: 400,
  parse: 400,
  unsupported: 400,
  config: 500,
  not_found: 404,
  conflict: 409,
};

/** Builds the HTTP app: API routes (thin), OpenAPI docs at /docs, the web UI at /. */
export async function buildServer(ctx: AppContext, opts: { webRoot: string | null }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Rasad API', description: 'Monitoring workbench API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const field = first?.instancePath?.replace(/^\//, '').replace(/\//g, '.') || 'request';
      return reply.code(400).send({ error: { code: 'validation', message: `${field}: ${first?.message ?? 'invalid'}` } });
    }
    if (error instanceof DomainError) {
      return reply.code(STATUS[error.code]).send({ error: { code: error.code, message: error.oneLine() } });
    }
    ctx.logger.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error (logged)' } });
  });

  app.get('/health', () => ({ status: 'ok', database: ctx.db.dialect }));
  await app.register((api, _o, done) => {
    registerItemRoutes(api, ctx);
    registerActorRoutes(api, ctx);
    registerThreatRoutes(api, ctx);
    registerEventRoutes(api, ctx);
    registerSourceRoutes(api, ctx);
    registerEvidenceRoutes(api, ctx);
    done();
  }, { prefix: '/api' });

  if (opts.webRoot && existsSync(opts.webRoot)) {
    await app.register(fastifyStatic, { root: opts.webRoot, prefix: '/', index: ['index.html'] });
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/')) return reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.url}` } });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
