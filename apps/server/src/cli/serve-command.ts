// Placeholder until the server lands: says what `serve` will do.
export async function run(_argv: string[]): Promise<number> {
  console.log(
    'perses-cm serve: the console server is not built yet. It will serve the web console and its API over\n' +
      'labeled ConfigMaps (Kubernetes) or a Helm chart files/ directory.',
  );
  return 0;
}
