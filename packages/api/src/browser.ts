// Imported by the web app before any schema module runs. The console's Content-Security-Policy
// forbids eval, and zod probes `new Function` each time it builds an object schema, to choose its
// compiled fast path; the probe fails safely, but browsers report it as a CSP violation. Without
// the probe zod parses the same way, without generated code. zod reads this global config object
// when it loads (and keeps it), so it works in either order, but only for schemas built after it.
// No zod import here: the bundler would evaluate zod's chunk, and the schemas with it, first.
const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(g.__zod_globalConfig ??= {}).jitless = true;
