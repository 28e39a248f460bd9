// What the current identity may do, per namespace, for the UI to disable what would be refused.
import type { NamespaceCapabilities, Target, Verb, WhoAmIResponse } from '@perses-cm/api';
import { Verb as VerbSchema } from '@perses-cm/api';
import { isPerson, type Authorizer, type Identity } from '../domain/identity.ts';

export const VERBS: readonly Verb[] = VerbSchema.options;

export class CapabilitiesService {
  constructor(
    private readonly target: Target,
    private readonly authorizer: Authorizer,
    /** Namespaces to report; a directory target reports one entry with namespace "". */
    private readonly namespaces: () => Promise<string[]>,
  ) {}

  async whoami(who: Identity): Promise<WhoAmIResponse> {
    const namespaces = this.target.type === 'directory' ? [''] : await this.namespaces();
    const all = await Promise.all(namespaces.map((ns) => this.forNamespace(who, ns)));
    // A person sees the namespaces they may do something in, not every team's.
    const capabilities = isPerson(who)
      ? all.filter((c) => Object.values(c.allowed).some(Boolean))
      : all;
    return {
      identity: { name: who.name, groups: who.groups, source: who.source },
      target: this.target,
      capabilities,
    };
  }

  private async forNamespace(who: Identity, namespace: string): Promise<NamespaceCapabilities> {
    const allowed: Partial<Record<Verb, boolean>> = {};
    const reasons: Record<string, string> = {};
    await Promise.all(
      VERBS.map(async (verb) => {
        const d = await this.authorizer.can(who, verb, namespace === '' ? null : namespace);
        allowed[verb] = d.allowed;
        if (!d.allowed)
          reasons[verb] = d.reason ?? `${who.name} may not ${verb} ConfigMaps in ${namespace}`;
      }),
    );
    return { namespace, allowed: allowed as Record<Verb, boolean>, reasons };
  }
}
