// The Helm template an exported chart (and the sample chart in examples/) renders its files/ tree
// with: the one copy of its text. It fixes what the chart docs' generator gets wrong (DOMAIN.md
// §7.1), and is proven with the real helm, kube-apiserver, sidecar and Perses in the export tests.

/** Where the template sits in a chart. */
export const CHART_GENERATOR_TEMPLATE_PATH = 'templates/configmap-generator.yaml';

/** Kubernetes's limit on a ConfigMap's data, restated here because the template enforces it. */
const MAX_BYTES = 1_048_576;

// Go template text: `{{`, `}}` and `\\` below are Helm's, not TypeScript's.
export const CHART_GENERATOR_TEMPLATE = `{{- /*
One labeled ConfigMap per resource file under files/ (.json, .yaml, .yml, in any layout), for the
provisioning sidecar of the perses chart. Unlike the generator template of the chart docs:
- the label is perses.sidecar.label/labelValue (umbrella chart) or sidecar.label/labelValue
  (standalone), each with the perses chart's default when absent: values without them render;
- names are <release>-<path slug>-<hash>: the slug is cut and trimmed of "-" before the hash, so a
  name is always valid DNS-1123 and two long paths can never be cut to the same name;
- data keys are <path slug>-<hash>.<ext>, unique across the cluster (the sidecar writes every key
  of every ConfigMap into one folder): the hash covers namespace, release and path, so two files
  named dashboard.json in different folders, or two releases, never overwrite each other;
- each file is one ConfigMap, its bytes kept as they are; a file over the ${MAX_BYTES}-byte
  ConfigMap limit stops the rendering with its path.
*/ -}}
{{- $sidecar := dict }}
{{- $from := "sidecar" }}
{{- $top := index .Values "sidecar" }}
{{- if kindIs "map" $top }}{{ $sidecar = $top }}{{ end }}
{{- $perses := index .Values "perses" }}
{{- if kindIs "map" $perses }}
{{- $nested := index $perses "sidecar" }}
{{- if kindIs "map" $nested }}{{ $sidecar = $nested }}{{ $from = "perses.sidecar" }}{{ end }}
{{- end }}
{{- $labelKey := index $sidecar "label" | default "perses.dev/resource" | toString }}
{{- $labelValue := index $sidecar "labelValue" | default "true" | toString }}
{{- if not (regexMatch "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$" $labelKey) }}
{{- fail (printf "%s.label %q is not a Kubernetes label key: [prefix/]name, the name 1-63 letters, digits, \\"-\\", \\"_\\", \\".\\", starting and ending with a letter or digit" $from $labelKey) }}
{{- end }}
{{- if not (regexMatch "^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$" $labelValue) }}
{{- fail (printf "%s.labelValue %q is not a Kubernetes label value: at most 63 letters, digits, \\"-\\", \\"_\\", \\".\\", starting and ending with a letter or digit" $from $labelValue) }}
{{- end }}
{{- $release := .Release.Name | lower | trunc 40 | trimAll "-." }}
{{- range $path, $_ := .Files.Glob "files/**" }}
{{- $ext := ext $path }}
{{- if has $ext (list ".json" ".yaml" ".yml") }}
{{- $rel := trimPrefix "files/" $path }}
{{- $content := $.Files.Get $path }}
{{- if gt (len $content) ${MAX_BYTES} }}
{{- fail (printf "%s is %d bytes: one ConfigMap holds at most ${MAX_BYTES} bytes of data; split the resource" $path (len $content)) }}
{{- end }}
{{- $hash := sha256sum (printf "%s/%s/%s" $.Release.Namespace $.Release.Name $rel) | trunc 10 }}
{{- $slug := regexReplaceAll "[^a-z0-9]+" (lower (trimSuffix $ext $rel)) "-" | trunc 60 | trimAll "-" }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ printf "%s-%s-%s" $release $slug $hash | quote }}
  namespace: {{ $.Release.Namespace | quote }}
  labels:
    {{ $labelKey | quote }}: {{ $labelValue | quote }}
    app.kubernetes.io/managed-by: {{ $.Release.Service | quote }}
    app.kubernetes.io/instance: {{ $.Release.Name | quote }}
  annotations:
    perses-cm.dev/source-path: {{ $path | quote }}
data:
  {{ printf "%s-%s%s" $slug $hash $ext | quote }}: {{ $content | toJson }}
{{- end }}
{{- end }}
`;
