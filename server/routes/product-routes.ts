import type { FastifyInstance } from 'fastify';
import { recordAdminChange } from '../audit.ts';
import { importProducts } from '../catalog/import-products.ts';
import { PRODUCT_ID_MAX_LENGTH } from '../catalog/validate-product-row.ts';
import { ProblemError } from '../problem.ts';
import { nowIso, type RouteContext } from './route-context.ts';

/** Maximum size of a product import file. Other routes keep the 1 MiB default. */
export const PRODUCT_IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

interface ImportBody {
  head: { catalog: string; locale: string; is_master?: boolean };
  items: unknown[];
}

/** Registers the product import and product deletion (admin only). */
export function registerProductRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.post<{ Body: ImportBody }>(
    '/api/v1/imports/products',
    {
      onRequest: auth.admin,
      bodyLimit: PRODUCT_IMPORT_BODY_LIMIT_BYTES,
      schema: {
        // Rows are not described here: each row is validated on its own, so that one bad
        // row is reported and the others are still imported.
        body: {
          type: 'object',
          required: ['head', 'items'],
          properties: {
            head: {
              type: 'object',
              required: ['catalog', 'locale'],
              properties: {
                catalog: { type: 'string', minLength: 1 },
                locale: { type: 'string', minLength: 1 },
                is_master: { type: 'boolean' },
              },
            },
            items: { type: 'array' },
          },
        },
      },
    },
    async (request) => {
      const now = nowIso();
      const report = await importProducts(storage, request.body.items, now);
      await recordAdminChange(storage, request, {
        action: 'products.import',
        target: null,
        at: now,
        details: { catalog: request.body.head.catalog, imported: report.imported, rejected: report.rejected.length },
      });
      request.log.info(
        { catalog: request.body.head.catalog, imported: report.imported, rejected: report.rejected.length },
        'products imported',
      );
      return report;
    },
  );

  app.delete<{ Params: { product_id: string } }>(
    '/api/v1/products/:product_id',
    {
      onRequest: auth.admin,
      schema: {
        params: {
          type: 'object',
          required: ['product_id'],
          properties: { product_id: { type: 'string', minLength: 1, maxLength: PRODUCT_ID_MAX_LENGTH } },
        },
      },
    },
    async (request, reply) => {
      const productId = request.params.product_id;
      const now = nowIso();
      const outcome = await storage.products.deleteProduct(productId, now);
      if (outcome === 'not_found') {
        throw new ProblemError({
          status: 404,
          code: 'product_not_found',
          detail: `Product ${productId} is not in the catalog. Check the product id.`,
        });
      }
      if (outcome === 'deleted') {
        await recordAdminChange(storage, request, { action: 'product.delete', target: productId, at: now });
        request.log.info({ product_id: productId }, 'product deleted');
      }
      return reply.code(204).send();
    },
  );
}
