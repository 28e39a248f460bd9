// Commands that take serve's target flags beside their own (declared whole, `flagSpec` or
// `targetFlags`): what is not theirs goes, in its order, to serve's rules (loadConfig).
import type { parseArgs } from 'node:util';

type Tokens = NonNullable<ReturnType<typeof parseArgs>['tokens']>;

/** The arguments other than the command's own options (`own`), for loadConfig. */
export function targetArgs(tokens: Tokens | undefined, own: readonly string[]): string[] {
  const rest: string[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === 'positional') rest.push(t.value);
    else if (t.kind === 'option' && !own.includes(t.name)) {
      if (t.inlineValue) rest.push(`${t.rawName}=${t.value ?? ''}`);
      // A declared option's separate value is in its token, not a positional of its own.
      else rest.push(t.rawName, ...(t.value === undefined ? [] : [t.value]));
    }
  }
  return rest;
}
