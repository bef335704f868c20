{{/*
Chart name, overridable with .Values.nameOverride. Truncated to 63 characters
(the DNS label limit of Kubernetes names).
*/}}
{{- define "icefarm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: release name plus chart name, unless overridden.
*/}}
{{- define "icefarm.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Name of one component's objects: fullname-component, e.g. icefarm-worker.
Argument: dict "root" $ "component" "worker".
*/}}
{{- define "icefarm.componentName" -}}
{{- printf "%s-%s" (include "icefarm.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "icefarm.labels" -}}
app.kubernetes.io/name: {{ include "icefarm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/*
Labels that select one component's pods. Argument: dict "root" $ "component" "worker".
*/}}
{{- define "icefarm.selectorLabels" -}}
app.kubernetes.io/name: {{ include "icefarm.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
One component's image: [registry/]repository:tag, where the tag is the component's
image.tag, else the global image.tag, else the chart's appVersion.
Argument: dict "root" $ "image" .Values.worker.image.
*/}}
{{- define "icefarm.image" -}}
{{- $registry := .root.Values.image.registry | trimSuffix "/" }}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- if $registry }}{{ $registry }}/{{ end }}{{ .image.repository }}:{{ $tag }}
{{- end }}

{{/*
The chart's own Secret (credentials given in values, and the generated admin token).
*/}}
{{- define "icefarm.secretName" -}}
{{- include "icefarm.fullname" . }}
{{- end }}

{{/*
ICEFARM_ADMIN_TOKEN from the chart's Secret or from adminToken.existingSecret.
*/}}
{{- define "icefarm.adminTokenEnv" -}}
- name: ICEFARM_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      {{- if .Values.adminToken.existingSecret }}
      name: {{ .Values.adminToken.existingSecret }}
      key: {{ .Values.adminToken.existingSecretKey }}
      {{- else }}
      name: {{ include "icefarm.secretName" . }}
      key: admin-token
      {{- end }}
{{- end }}

{{/*
ConnectionStrings__Postgres. The password comes from a Secret into ICEFARM_POSTGRES_PASSWORD and
is put into the connection string by Kubernetes' $(VAR) expansion, so it never sits in the pod spec.
TLS: SSL Mode from postgres.sslMode, and Root Certificate the mounted postgres.caSecret (icefarm.caVolumes).
*/}}
{{- define "icefarm.postgresEnv" -}}
- name: ICEFARM_POSTGRES_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if .Values.postgres.existingSecret }}
      name: {{ .Values.postgres.existingSecret }}
      key: {{ .Values.postgres.existingSecretKey }}
      {{- else }}
      name: {{ include "icefarm.secretName" . }}
      key: postgres-password
      {{- end }}
{{- $connection := printf "Host=%s;Port=%v;Database=%s;Username=%s;Password=$(ICEFARM_POSTGRES_PASSWORD);SSL Mode=%s" .Values.postgres.host .Values.postgres.port .Values.postgres.database .Values.postgres.username .Values.postgres.sslMode }}
{{- if .Values.postgres.caSecret }}
{{- $connection = printf "%s;Root Certificate=/etc/icefarm/postgres-ca/%s" $connection .Values.postgres.caSecretKey }}
{{- end }}
{{- if .Values.postgres.options }}
{{- $connection = printf "%s;%s" $connection .Values.postgres.options }}
{{- end }}
- name: ConnectionStrings__Postgres
  value: {{ $connection | quote }}
{{- end }}

{{/*
The AMQP URI of a broker user (argument: dict "root" $ "username" name): amqps:// when rabbitmq.tls.enabled,
the port only when rabbitmq.port is not 0 (the scheme's own otherwise), the vhost as the path. The password is
$(ICEFARM_RABBITMQ_PASSWORD), expanded by Kubernetes from the container's Secret-backed variable. "userinfo" instead
of "username" is put in as is, e.g. a worker's "worker-$(Worker__Name)" whose password is in RabbitMq__PasswordFile.
*/}}
{{- define "icefarm.amqpUri" -}}
{{- $scheme := ternary "amqps" "amqp" .root.Values.rabbitmq.tls.enabled }}
{{- $port := "" }}
{{- if .root.Values.rabbitmq.port }}
{{- $port = printf ":%v" .root.Values.rabbitmq.port }}
{{- end }}
{{- $userinfo := "" }}
{{- if hasKey . "userinfo" }}
{{- $userinfo = .userinfo }}
{{- else }}
{{- $userinfo = printf "%s:$(ICEFARM_RABBITMQ_PASSWORD)" (urlquery .username) }}
{{- end }}
{{- printf "%s://%s@%s%s/%s" $scheme $userinfo .root.Values.rabbitmq.host $port (urlquery .root.Values.rabbitmq.vhost) }}
{{- end }}

{{/*
RabbitMq__Tls__CaCertificate: the mounted rabbitmq.tls.caSecret, when TLS is on and a private CA is given.
*/}}
{{- define "icefarm.rabbitmqTlsEnv" -}}
{{- if and .Values.rabbitmq.tls.enabled .Values.rabbitmq.tls.caSecret }}
- name: RabbitMq__Tls__CaCertificate
  value: {{ printf "/etc/icefarm/rabbitmq-ca/%s" .Values.rabbitmq.tls.caSecretKey | quote }}
{{- end }}
{{- end }}

{{/*
The private CAs' certificates, read-only under /etc/icefarm: volume mounts of a container and the pod's volumes.
Argument: dict "root" $ "postgres" true|false (the worker has no database).
*/}}
{{- define "icefarm.caVolumeMounts" -}}
{{- if and .postgres .root.Values.postgres.caSecret }}
- name: postgres-ca
  mountPath: /etc/icefarm/postgres-ca
  readOnly: true
{{- end }}
{{- if and .root.Values.rabbitmq.tls.enabled .root.Values.rabbitmq.tls.caSecret }}
- name: rabbitmq-ca
  mountPath: /etc/icefarm/rabbitmq-ca
  readOnly: true
{{- end }}
{{- end }}

{{- define "icefarm.caVolumes" -}}
{{- if and .postgres .root.Values.postgres.caSecret }}
- name: postgres-ca
  secret:
    secretName: {{ .root.Values.postgres.caSecret }}
    items:
      - key: {{ .root.Values.postgres.caSecretKey }}
        path: {{ .root.Values.postgres.caSecretKey }}
{{- end }}
{{- if and .root.Values.rabbitmq.tls.enabled .root.Values.rabbitmq.tls.caSecret }}
- name: rabbitmq-ca
  secret:
    secretName: {{ .root.Values.rabbitmq.tls.caSecret }}
    items:
      - key: {{ .root.Values.rabbitmq.tls.caSecretKey }}
        path: {{ .root.Values.rabbitmq.tls.caSecretKey }}
{{- end }}
{{- end }}

{{/*
ConnectionStrings__RabbitMq of a service: its own broker user (rabbitmq.reservationService, rabbitmq.adminApi) or,
while that username is empty, the shared rabbitmq.username; an AMQP URI whose path is the vhost.
Argument: dict "root" $ "service" "reservationService" "secretKey" (the key in the chart's Secret).
*/}}
{{- define "icefarm.rabbitmqEnv" -}}
{{- $own := index .root.Values.rabbitmq .service }}
- name: ICEFARM_RABBITMQ_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if $own.username }}
      {{- if $own.existingSecret }}
      name: {{ $own.existingSecret }}
      key: {{ $own.existingSecretKey }}
      {{- else }}
      name: {{ include "icefarm.secretName" .root }}
      key: {{ .secretKey }}
      {{- end }}
      {{- else if .root.Values.rabbitmq.existingSecret }}
      name: {{ .root.Values.rabbitmq.existingSecret }}
      key: {{ .root.Values.rabbitmq.existingSecretKey }}
      {{- else }}
      name: {{ include "icefarm.secretName" .root }}
      key: rabbitmq-password
      {{- end }}
- name: ConnectionStrings__RabbitMq
  value: {{ include "icefarm.amqpUri" (dict "root" .root "username" ($own.username | default .root.Values.rabbitmq.username)) | quote }}
{{- include "icefarm.rabbitmqTlsEnv" .root }}
{{- end }}

{{/*
Extra environment variables of a component (a map of name to value).
*/}}
{{- define "icefarm.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/*
A .NET TimeSpan ("d.hh:mm:ss") from a number of seconds.
*/}}
{{- define "icefarm.timespan" -}}
{{- $s := int64 . }}
{{- printf "%d.%02d:%02d:%02d" (div $s 86400) (mod (div $s 3600) 24) (mod (div $s 60) 60) (mod $s 60) }}
{{- end }}
