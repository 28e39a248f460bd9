// `perses-cm lint [--format text|json] [--label KEY[=VALUE]] [--release NAME] PATH...`
// Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 usage or read error.

import { parseArgs } from 'node:util';
import { hasErrors, lintResources, type LintOptions } from '@perses-cm/resources';
import { formatJson, formatText } from './lint/format.ts';
import { readInputs } from './lint/read-inputs.ts';

const usage = `usage: perses-cm lint [--format text|json] [--label KEY=VALUE] [--release NAME] PATH...

Checks Perses resource files (.json, .yaml, .yml), chart files/ trees and Kubernetes manifests
with ConfigMaps for what would go wrong in the k8s-sidecar + Perses provisioning pipeline.

  --format   text (default) or json
  --label    sidecar label the ConfigMaps must carry (KEY=VALUE, or KEY for any value)
  --release  release name used to check the chart docs' generator template (default perses)

exit status: 0 no errors, 1 errors found, 2 usage or read error`;

function fail(message: string): number {
  console.error(`perses-cm lint: ${message}\n\n${usage}`);
  return 2;
}

export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        label: { type: 'string' },
        release: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json')
    return fail(`--format must be "text" or "json", not "${values.format}"`);
  if (positionals.length === 0) return fail('give at least one PATH');
  const opts: LintOptions = {};
  if (values.label !== undefined) {
    const [key, ...rest] = values.label.split('=');
    if (!key) return fail(`--label must be KEY=VALUE or KEY, not "${values.label}"`);
    opts.label = rest.length > 0 ? { key, value: rest.join('=') } : { key };
  }
  if (values.release !== undefined) opts.chartRelease = values.release;

  const { entries, errors } = await readInputs(positionals);
  if (errors.length > 0) {
    for (const error of errors) console.error(`perses-cm lint: ${error}`);
    return 2;
  }
  const findings = lintResources(entries, opts);
  console.log(
    values.format === 'json' ? formatJson(findings) : formatText(findings, entries.length),
  );
  return hasErrors(findings) ? 1 : 0;
}
