// The real kube-apiserver of the test stack, driven with the real kubectl as the stack's admin:
// namespaces for a test, applying rendered manifests, and asking RBAC what an identity may do.
import { randomBytes } from 'node:crypto';
import type { StackEnv } from '@perses-cm/stack';
import { toYamlStream, type Manifest } from '../chart.ts';
import { kubectl, type ToolResult } from '../tools.ts';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** What kubectl sends for a ServiceAccount's token: its user name and its groups. */
function impersonation(sa: ServiceAccountRef): string[] {
  return [
    `--as=system:serviceaccount:${sa.namespace}:${sa.name}`,
    '--as-group=system:serviceaccounts',
    `--as-group=system:serviceaccounts:${sa.namespace}`,
    '--as-group=system:authenticated',
  ];
}

export interface CanIQuery {
  verb: string;
  /** `configmaps`, `pods/log`, `users/admin`, `deployments.apps`... */
  resource: string;
  namespace?: string;
  subresource?: string;
}

export class TestCluster {
  private readonly created: Manifest[] = [];
  private readonly namespaces: string[] = [];

  constructor(readonly stack: StackEnv) {}

  private kubectl(args: string[], input?: string): Promise<ToolResult> {
    return kubectl(this.stack.kubeconfigs.admin, args, input);
  }

  private async must(args: string[], input?: string): Promise<string> {
    const r = await this.kubectl(args, input);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr || r.stdout}`);
    return r.stdout;
  }

  /** A fresh namespace with a random name (tests share one cluster). */
  async namespace(prefix: string, labels: Record<string, string> = {}): Promise<string> {
    const name = `${prefix}-${randomBytes(3).toString('hex')}`;
    const ns: Manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
    await this.must(['create', '-f', '-'], toYamlStream([ns]));
    this.namespaces.push(name);
    return name;
  }

  /** Server-side dry run with strict field validation: nothing is stored. */
  dryRun(manifests: Manifest[]): Promise<ToolResult> {
    return this.kubectl(
      ['apply', '--dry-run=server', '--validate=strict', '-f', '-'],
      toYamlStream(manifests),
    );
  }

  /** Stores the manifests for real; `cleanup` removes them. */
  async apply(manifests: Manifest[]): Promise<void> {
    await this.must(['apply', '--validate=strict', '-f', '-'], toYamlStream(manifests));
    this.created.push(...manifests);
  }

  async token(sa: ServiceAccountRef): Promise<string> {
    const out = await this.must(['create', 'token', sa.name, '-n', sa.namespace]);
    return out.trim();
  }

  /** `kubectl auth can-i` as the ServiceAccount would be seen with its own token. */
  async canI(sa: ServiceAccountRef, q: CanIQuery): Promise<boolean> {
    const args = ['auth', 'can-i', q.verb, q.resource, '--quiet', ...impersonation(sa)];
    args.push(q.namespace ? `--namespace=${q.namespace}` : '--all-namespaces');
    if (q.subresource) args.push(`--subresource=${q.subresource}`);
    const r = await this.kubectl(args);
    if (r.code > 1) throw new Error(`kubectl auth can-i: ${r.stderr}`);
    return r.code === 0;
  }

  /**
   * Every resource permission of the ServiceAccount in a namespace (SelfSubjectRulesReview), as
   * `verb group/resource[/name]` strings; cluster-wide rules are included in every namespace.
   */
  async rules(sa: ServiceAccountRef, namespace: string): Promise<Set<string>> {
    // What `kubectl auth can-i --list` asks, read as JSON rather than as its table.
    const request: Manifest = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      metadata: { name: '' },
      spec: { namespace },
    };
    const out = await this.must(
      ['create', '--validate=false', '-o', 'json', '-f', '-', ...impersonation(sa)],
      toYamlStream([request]),
    );
    const review = JSON.parse(out) as {
      status: {
        resourceRules?: {
          verbs: string[];
          apiGroups?: string[];
          resources?: string[];
          resourceNames?: string[];
        }[];
      };
    };
    const set = new Set<string>();
    for (const rule of review.status.resourceRules ?? []) {
      for (const verb of rule.verbs)
        for (const group of rule.apiGroups ?? [''])
          for (const resource of rule.resources ?? [])
            for (const name of rule.resourceNames?.length ? rule.resourceNames : [''])
              set.add(`${verb} ${group}/${resource}${name ? `/${name}` : ''}`);
    }
    return set;
  }

  /** Deletes what `apply` stored and the test's namespaces. */
  async cleanup(): Promise<void> {
    if (this.created.length > 0) {
      await this.kubectl(
        ['delete', '--ignore-not-found', '--wait=false', '-f', '-'],
        toYamlStream(this.created),
      );
    }
    for (const ns of this.namespaces) {
      await this.kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=false']);
    }
  }
}
