// Reads JSON request bodies with the resource model's strict reader instead of JSON.parse, which
// silently keeps the last of duplicate keys: `{"document": {"metadata": {"name": "a", "name":
// "b"}}}` would create `b`, while the same document sent as text is refused.
import express, { type RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';
import { CONFIGMAP_MAX_BYTES, parseJsonBody } from '../domain/model.ts';

/**
 * The largest raw body read. A document is at most CONFIGMAP_MAX_BYTES once decoded (checked
 * later, 413 with its size), but clients may send it escaped: Python's and Go's JSON encoders
 * write `\uXXXX`, 6 bytes for what can be 1 decoded byte. So 6× that, plus room for the envelope
 * and indentation; still bounded, so a client cannot make the server read without end.
 */
export const MAX_BODY_BYTES = 6 * CONFIGMAP_MAX_BYTES + 1024 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];

export function jsonBody(limit = MAX_BODY_BYTES): RequestHandler[] {
  return [
    express.text({ type: JSON_TYPES, limit, defaultCharset: 'utf-8' }),
    (req, _res, next) => {
      if (typeof req.body !== 'string') return next();
      if (req.body.trim() === '') {
        req.body = undefined;
        return next();
      }
      const { value, errors } = parseJsonBody(req.body);
      if (errors.length > 0) throw bodyRefused(errors);
      req.body = value;
      next();
    },
  ];
}

function bodyRefused(errors: ReturnType<typeof parseJsonBody>['errors']): AppError {
  const fields = errors.map((f) => ({
    field: f.field ?? '(body)',
    message: `${f.message} (${f.rule}, line ${f.line ?? '?'}, column ${f.column ?? '?'})`,
  }));
  const first = fields[0];
  return new AppError(
    'bad_request',
    `the request body is refused: ${first ? `${first.field}: ${first.message}` : 'invalid JSON'}`,
    { fields, findings: errors },
  );
}
