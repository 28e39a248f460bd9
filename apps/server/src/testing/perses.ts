// Test helpers around Perses: the AppError a call fails with, and an access token as a person
// gets one from native login (to hand the console as a bearer token).
import { AppError } from '../domain/errors.ts';

/** The AppError a call fails with; the test fails if the call succeeds or throws anything else. */
export async function failure(call: Promise<unknown>): Promise<AppError> {
  const err = await call.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err;
  return err;
}

export async function loginToken(url: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/providers/native/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${login}: HTTP ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
