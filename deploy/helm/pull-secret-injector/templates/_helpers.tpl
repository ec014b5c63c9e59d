{{/*
Names. With the release name pull-secret-injector every object gets the name deploy/ uses and the injector's
configuration defaults expect (Service pull-secret-injector, webhook configuration pull-secret-injector.io, Secrets
pull-secret-injector-ca and -tls); another release name prefixes them, and the configuration follows.
*/}}
{{- define "psi.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "psi.fullname" -}}
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

{{/* Cluster-scoped and must be a DNS subdomain with a dot (webhook configurations are named like domains). */}}
{{- define "psi.webhookConfigurationName" -}}
{{- printf "%s.io" (include "psi.fullname" .) -}}
{{- end -}}

{{- define "psi.configMapName" -}}
{{- printf "%s-config" (include "psi.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The CA Secret: written by the injector (managed) or by cert-manager (certManager). */}}
{{- define "psi.caSecretName" -}}
{{- printf "%s-ca" (include "psi.fullname" .) -}}
{{- end -}}

{{/* The serving Secret (tls.crt, tls.key, ca.crt) the Pods read. */}}
{{- define "psi.servingSecretName" -}}
{{- if eq .Values.tls.mode "secret" -}}
{{- .Values.tls.secretName -}}
{{- else -}}
{{- printf "%s-tls" (include "psi.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "psi.servingCertificateName" -}}
{{- printf "%s-serving" (include "psi.fullname" .) -}}
{{- end -}}

{{- define "psi.selectorLabels" -}}
app.kubernetes.io/name: {{ include "psi.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: webhook
{{- end -}}

{{/*
Labels of every object. Never app.kubernetes.io/managed-by: pull-secret-injector (it marks the secret copies the
injector owns and may delete); Helm's own value is "Helm".
*/}}
{{- define "psi.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "psi.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ include "psi.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: pull-secret-injector
{{- end -}}

{{- define "psi.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag -}}
{{- end -}}

{{/* Namespaces the webhook is never called for: the system ones and its own (no self-deadlock), then the user's. */}}
{{- define "psi.excludedNamespaces" -}}
{{- concat (list "kube-system" "kube-node-lease" .Release.Namespace) (.Values.webhook.excludedNamespaces | default list) | uniq | toJson -}}
{{- end -}}

{{/* caBundle in secret mode: PEM as given by --set-file, or already base64-encoded. */}}
{{- define "psi.secretModeCaBundle" -}}
{{- $ca := .Values.tls.caBundle | trim -}}
{{- if hasPrefix "-----BEGIN" $ca -}}
{{- $ca | b64enc -}}
{{- else -}}
{{- $ca -}}
{{- end -}}
{{- end -}}

{{/*
Checks across values that values.schema.json cannot express; each failure says what to change.
*/}}
{{- define "psi.validate" -}}
{{- if eq .Values.tls.mode "secret" -}}
{{- if not .Values.tls.secretName -}}
{{- fail "tls.mode=secret needs tls.secretName: the kubernetes.io/tls Secret (tls.crt, tls.key) in the release namespace" -}}
{{- end -}}
{{- if not .Values.tls.caBundle -}}
{{- fail "tls.mode=secret needs tls.caBundle: the CA that signed the Secret's tls.crt (--set-file tls.caBundle=ca.crt), or the API server cannot trust the webhook" -}}
{{- end -}}
{{- end -}}
{{- if and (eq .Values.tls.mode "managed") (not .Values.injector.cluster.enabled) -}}
{{- fail "tls.mode=managed needs injector.cluster.enabled=true: the injector keeps its certificates in Secrets through the Kubernetes API; use tls.mode=secret or certManager without it" -}}
{{- end -}}
{{- $minAvailable := .Values.podDisruptionBudget.minAvailable -}}
{{- if and (not (kindIs "string" $minAvailable)) (ge (int $minAvailable) (int .Values.replicaCount)) -}}
{{- fail (printf "podDisruptionBudget.minAvailable (%d) must be below replicaCount (%d), or no node drain can ever evict a replica; with one replica set podDisruptionBudget.minAvailable=0" (int $minAvailable) (int .Values.replicaCount)) -}}
{{- end -}}
{{- end -}}
