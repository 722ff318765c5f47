import { z } from 'zod';

/** `:namespace/:kind/:name` of the routes under `/entities`, as every router reads it. */
export const entityParams = z.object({
  namespace: z.string().min(1).max(253),
  kind: z.string().min(1).max(253),
  name: z.string().min(1).max(253),
});

/** `/entities/:namespace/:kind/:name/runbooks/:id`. */
export const runbookParams = entityParams.extend({
  id: z.string().min(1).max(255),
});
