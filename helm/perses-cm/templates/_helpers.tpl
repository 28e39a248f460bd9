{{/* Names, labels and the RBAC rules of the console: each rule set has one home here. */}}

{{- define "perses-cm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name, at most 63 characters and never ending in "-" (a valid DNS label). */}}
{{- define "perses-cm.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A derived name (`<fullname>-<suffix>`), still a valid DNS label. Call with (list . "suffix"). */}}
{{- define "perses-cm.suffixed" -}}
{{- $suffix := index . 1 -}}
{{- $base := include "perses-cm.fullname" (index . 0) | trunc (int (sub 62 (len $suffix))) | trimSuffix "-" -}}
{{- printf "%s-%s" $base $suffix -}}
{{- end -}}

{{/*
Name of a cluster-scoped object (ClusterRole, ClusterRoleBinding): the release namespace is part of
it, so releases of the same name in two namespaces never share one. Call with (list . "suffix").
*/}}
{{- define "perses-cm.clusterName" -}}
{{- $ctx := index . 0 -}}
{{- printf "%s-%s-%s" $ctx.Release.Namespace (include "perses-cm.fullname" $ctx) (index . 1) -}}
{{- end -}}

{{- define "perses-cm.selectorLabels" -}}
app.kubernetes.io/name: {{ include "perses-cm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "perses-cm.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "perses-cm.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: perses-cm
{{- end -}}

{{- define "perses-cm.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "perses-cm.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "perses-cm.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if eq $tag "latest" -}}
{{- fail "image.tag: latest is refused; pin an exact tag or set image.digest" -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The namespaces the console watches and writes with scope=namespace, as a JSON list. */}}
{{- define "perses-cm.namespaces" -}}
{{- if eq .Values.scope "cluster" -}}
{{- if .Values.namespaces -}}
{{- fail "namespaces: applies to scope=namespace only; scope=cluster watches every namespace" -}}
{{- end -}}
[]
{{- else -}}
{{- default (list .Release.Namespace) .Values.namespaces | uniq | toJson -}}
{{- end -}}
{{- end -}}

{{- define "perses-cm.persesNamespace" -}}
{{- default .Release.Namespace .Values.perses.namespace -}}
{{- end -}}

{{/*
ConfigMaps: the console lists and watches the labeled ones and writes one per resource. Kubernetes
RBAC cannot filter by label, so the scope (namespaces or cluster) is the boundary.
*/}}
{{- define "perses-cm.rules.configmaps" -}}
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch, create, update, patch, delete]
{{- end -}}

{{/*
The Perses workload, read-only: finding the Perses pods and Service, reading the Perses and
sidecar logs (the only place provisioning errors appear) and reaching Perses through the API
server's service proxy.
*/}}
{{- define "perses-cm.rules.perses" -}}
- apiGroups: [apps]
  resources: [statefulsets, deployments]
  verbs: [get, list]
- apiGroups: [""]
  resources: [services, pods]
  verbs: [get, list]
- apiGroups: [""]
  resources: [pods/log]
  verbs: [get]
- apiGroups: [""]
  resources: [services/proxy]
  {{- with .Values.perses.serviceName }}
  resourceNames: [{{ . | quote }}]
  {{- end }}
  verbs: [get]
{{- end -}}

{{/*
Access reviews answer "may this identity do X?" without touching any object: the console asks
for itself (SelfSubjectAccessReview, SelfSubjectReview) and for the people it serves
(SubjectAccessReview). They are cluster-scoped, so only a ClusterRole can grant them.
*/}}
{{- define "perses-cm.rules.reviews" -}}
- apiGroups: [authorization.k8s.io]
  resources: [selfsubjectaccessreviews, subjectaccessreviews]
  verbs: [create]
- apiGroups: [authentication.k8s.io]
  resources: [selfsubjectreviews]
  verbs: [create]
{{- end -}}

{{/*
Proxy mode: every call goes to Kubernetes as the signed-in person, so Kubernetes RBAC decides per
user. Users and groups are cluster-scoped; the lists narrow who may be impersonated.
*/}}
{{- define "perses-cm.rules.impersonate" -}}
- apiGroups: [""]
  resources: [users]
  {{- with .Values.auth.proxy.impersonateUsers }}
  resourceNames: {{ toJson . }}
  {{- end }}
  verbs: [impersonate]
- apiGroups: [""]
  resources: [groups]
  {{- with .Values.auth.proxy.impersonateGroups }}
  resourceNames: {{ toJson . }}
  {{- end }}
  verbs: [impersonate]
{{- end -}}

{{/* A binding's subject: the console's ServiceAccount. */}}
{{- define "perses-cm.subjects" -}}
- kind: ServiceAccount
  name: {{ include "perses-cm.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
{{- end -}}
