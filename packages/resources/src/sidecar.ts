// Where kiwigrid/k8s-sidecar (2.10.1, `src/resources.py` and `src/helpers.py`) writes a ConfigMap
// key: the folder is FOLDER, or the ConfigMap's FOLDER_ANNOTATION value (absolute as is, relative
// joined to FOLDER); the file name is the data key (a `.url` key: without `.url`, its content
// fetched), or `namespace_<ns>.configmap_<name>.<that>` with UNIQUE_FILENAMES.
import { isAbsolute, join } from 'pathe';

/** kiwigrid/k8s-sidecar's default FOLDER_ANNOTATION: a per-ConfigMap target folder. */
export const SIDECAR_FOLDER_ANNOTATION = 'k8s-sidecar-target-directory';

/** The sidecar's settings that decide file paths (its env FOLDER, FOLDER_ANNOTATION, UNIQUE_FILENAMES). */
export interface SidecarSettings {
  folder: string;
  folderAnnotation: string;
  uniqueFilenames: boolean;
}

/**
 * The perses Helm chart's sidecar: FOLDER is the first provisioning folder, and the chart sets
 * neither FOLDER_ANNOTATION nor UNIQUE_FILENAMES (only `sidecar.extraEnvVars` could).
 */
export const CHART_SIDECAR: SidecarSettings = {
  folder: '/etc/perses/provisioning',
  folderAnnotation: SIDECAR_FOLDER_ANNOTATION,
  uniqueFilenames: false,
};

/** What the sidecar reads of a ConfigMap to place its keys. */
export interface SidecarConfigMap {
  name: string;
  namespace?: string;
  annotations?: Record<string, string>;
}

/** The folder the sidecar writes a ConfigMap's keys into. */
function sidecarFolder(cm: SidecarConfigMap, settings = CHART_SIDECAR): string {
  const annotated = cm.annotations?.[settings.folderAnnotation];
  // The sidecar tests for the annotation's presence: an empty value joins to FOLDER itself.
  if (annotated === undefined) return join(settings.folder);
  return isAbsolute(annotated) ? join(annotated) : join(settings.folder, annotated);
}

/** The normalised path of the file the sidecar writes for `key` of `cm`. */
export function sidecarFilePath(
  cm: SidecarConfigMap,
  key: string,
  settings = CHART_SIDECAR,
): string {
  const fetched = key.endsWith('.url') ? key.slice(0, -'.url'.length) : key;
  const file = settings.uniqueFilenames
    ? `namespace_${cm.namespace ?? ''}.configmap_${cm.name}.${fetched}`
    : fetched;
  return join(sidecarFolder(cm, settings), file);
}
