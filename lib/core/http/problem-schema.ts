// The error document every API answer uses (RFC 9457), shared by the OpenAPI fragments of each
// area and by the clients that read it. Pure zod.
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string().meta({ example: 'about:blank' }),
    title: z.string().meta({ example: 'Not found' }),
    status: z.number().int().meta({ example: 404 }),
    detail: z.string().optional().meta({ example: 'That appliance does not exist or is not visible to you.' }),
    code: z.string().optional().meta({ example: 'NOT_FOUND' }),
    errors: z.record(z.string(), z.string()).optional().meta({ description: 'Field → message, for invalid input' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (Content-Type: application/problem+json)' });
