// Helpers shared by the route files: request identity, zod-checked input and zod-checked output.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import type { Identity } from '../domain/identity.ts';

/** Resolves who is calling; today the server's own identity, later the signed-in user. */
export type IdentityResolver = (req: Request) => Promise<Identity>;

/** Sends a body after checking it against its contract schema; a mismatch is a server bug. */
export function send<S extends z.ZodType>(
  res: Response,
  schema: S,
  body: z.input<S>,
  status = 200,
): void {
  const checked = schema.safeParse(body);
  if (!checked.success) {
    console.error('response does not match its schema:', checked.error.issues.slice(0, 5));
    throw new AppError(
      'internal',
      'the server produced a response that does not match the API contract',
    );
  }
  res.status(status).json(body);
}
