// The console's settings: their defaults from the serve flags, and the rules a saved or submitted
// value must follow (the contract's shape, then Kubernetes' own rules for labels and namespaces),
// each failure naming its field.
import { ConsoleSettings } from '@perses-cm/api';
import type { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { durationMs, SIDECAR_FOLDER_ANNOTATION } from '../../domain/model.ts';
import {
  checkLabelKey,
  checkLabelValue,
  checkNamespace,
} from '../../stores/kubernetes/label-selector.ts';

/** The perses chart's interval (Perses alone defaults to 1h). */
const CHART_INTERVAL = '10m';

export function defaultSettings(config: ServerConfig): ConsoleSettings {
  const namespaces = config.target.type === 'kubernetes' ? config.target.namespaces : null;
  return {
    label: config.label,
    namespaces,
    defaultNamespace: Array.isArray(namespaces) ? (namespaces[0] ?? null) : null,
    sidecar: {
      namespaces: 'ALL',
      uniqueFilenames: false,
      folderAnnotation: SIDECAR_FOLDER_ANNOTATION,
    },
    provisioningInterval: CHART_INTERVAL,
    applyNowByDefault: true,
  };
}

/** The contract's shape with the rules of the values themselves. */
export const CheckedSettings = ConsoleSettings.superRefine((s, ctx) => {
  const bad = (path: (string | number)[], message: string | null) => {
    if (message) ctx.addIssue({ code: 'custom', path, message });
  };
  bad(['label', 'key'], checkLabelKey(s.label.key));
  if (s.label.value !== undefined) bad(['label', 'value'], checkLabelValue(s.label.value));
  if (Array.isArray(s.namespaces))
    s.namespaces.forEach((ns, i) => bad(['namespaces', i], checkNamespace(ns)));
  if (s.defaultNamespace !== null) {
    bad(['defaultNamespace'], checkNamespace(s.defaultNamespace));
    if (Array.isArray(s.namespaces) && !s.namespaces.includes(s.defaultNamespace))
      bad(['defaultNamespace'], 'must be one of the watched namespaces');
  }
  if (s.sidecar.namespaces !== 'ALL')
    s.sidecar.namespaces.forEach((ns, i) => bad(['sidecar', 'namespaces', i], checkNamespace(ns)));
  bad(
    ['sidecar', 'folderAnnotation'],
    checkLabelKey(s.sidecar.folderAnnotation) &&
      'must be an annotation key (letters, digits, "-", "_", ".", an optional DNS prefix and "/")',
  );
  const ms = durationMs(s.provisioningInterval);
  bad(
    ['provisioningInterval'],
    ms === undefined || ms <= 0 ? 'must be a duration such as 10m or 30s' : null,
  );
});

/** Settings as read back: a stored file from an older console keeps the defaults it lacks. */
export function readStored(
  text: string,
  defaults: ConsoleSettings,
): z.infer<typeof CheckedSettings> {
  const raw = JSON.parse(text) as Record<string, unknown>;
  return CheckedSettings.parse({
    ...defaults,
    ...raw,
    sidecar: { ...defaults.sidecar, ...(raw.sidecar as object) },
  });
}

/** The watched namespaces with the default first: the store offers its first one to new resources. */
export function orderedNamespaces(s: ConsoleSettings): ConsoleSettings['namespaces'] {
  if (!Array.isArray(s.namespaces) || s.defaultNamespace === null) return s.namespaces;
  return [s.defaultNamespace, ...s.namespaces.filter((n) => n !== s.defaultNamespace)];
}
