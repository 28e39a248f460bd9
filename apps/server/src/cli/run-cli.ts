// How every command meets its arguments: parsed by node:util parseArgs (declared whole, strict),
// --help prints the help (exit 0), a usage error prints what is wrong, naming the flag, then the
// usage (exit 2), and an AppError of the console's services prints its message (exit 1 unless the
// command says otherwise).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config.ts';
import { AppError } from '../domain/errors.ts';

/** A bad flag or argument: said with the usage, exit 2. */
export class UsageError extends Error {}

export const USAGE_EXIT = 2;

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** The command, as in `perses-cm <name>`. */
  name: string;
  usage: string;
  /** What --help prints (default: the usage). */
  help?: string;
  options: O;
  positionals?: boolean;
  /** The exit status of an AppError (default 1). */
  appErrorExit?: number;
}

export type CliArgs<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: true; tokens: true }>
>;

/** Parses `argv` by `spec` and runs `body` with it; returns the exit status. */
export async function runCli<O extends Options>(
  spec: CliSpec<O>,
  argv: string[],
  body: (args: CliArgs<O>) => Promise<number>,
): Promise<number> {
  const usageError = (message: string) => {
    console.error(`perses-cm ${spec.name}: ${message}\n\n${spec.usage}`);
    return USAGE_EXIT;
  };
  let args: CliArgs<O>;
  try {
    args = parseArgs({
      args: argv,
      options: spec.options,
      strict: true,
      allowPositionals: spec.positionals ?? false,
      tokens: true,
    }) as CliArgs<O>;
  } catch (err) {
    // node:util names the flag: "Unknown option '--bogus'", "Option '--out <value>' argument missing".
    return usageError((err as Error).message);
  }
  if ((args.values as { help?: unknown }).help) {
    console.log(spec.help ?? spec.usage);
    return 0;
  }
  try {
    return await body(args);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) return usageError(err.message);
    if (err instanceof AppError) {
      console.error(`perses-cm ${spec.name}: ${err.message}`);
      return spec.appErrorExit ?? 1;
    }
    throw err;
  }
}
