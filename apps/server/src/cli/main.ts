// Entry point of `pnpm perses-cm <command>`: dispatches to one module per command.
const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  doctor: () => import('./doctor-command.ts'),
  export: () => import('./export-command.ts'),
  lint: () => import('./lint-command.ts'),
  serve: () => import('./serve-command.ts'),
  status: () => import('./status-command.ts'),
};

const usage = `usage: perses-cm <command> [options]

commands:
  doctor  check the sidecar setup against the console's settings (exit 1 when resources cannot reach Perses)
  export  export the resources of a cluster or a chart directory as a Helm chart
  lint    check Perses resource files, chart files/ trees or ConfigMap manifests
  serve   run the console's server
  status  whether Perses serves each resource, and why not (--wait for CI after helm upgrade)`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`perses-cm: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  const command = await load();
  return command.run(rest);
}

export {};

process.exitCode = await main(process.argv.slice(2));
