{{/* Names, labels and the pod template shared by every workload of the chart. */}}

{{- define "tenantwatch.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tenantwatch.fullname" -}}
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

{{- define "tenantwatch.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "tenantwatch.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tenantwatch
{{- end }}

{{- define "tenantwatch.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tenantwatch.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Fails the render with one line when the values cannot work together. */}}
{{- define "tenantwatch.validate" -}}
{{- if not (has .Values.mode (list "allInOne" "split")) }}
{{- fail (printf "mode: %q is neither allInOne nor split" .Values.mode) }}
{{- end }}
{{- if and (eq .Values.mode "split") (not .Values.kafka.bootstrapServers) }}
{{- fail "mode split needs kafka.bootstrapServers: its components meet on an external Kafka cluster (the embedded broker runs in allInOne only)" }}
{{- end }}
{{- if and .Values.azure.workloadIdentity.enabled (not .Values.azure.workloadIdentity.clientId) }}
{{- fail "azure.workloadIdentity.enabled needs azure.workloadIdentity.clientId (the managed identity's client id)" }}
{{- end }}
{{- range list .Values.metrics.serviceMonitor.create .Values.metrics.prometheusRule.create }}
{{- if not (has (toString .) (list "auto" "true" "false")) }}
{{- fail (printf "metrics.serviceMonitor.create / metrics.prometheusRule.create: %q is not auto, true or false" (toString .)) }}
{{- end }}
{{- end }}
{{- end }}

{{/* "true" when a monitoring.coreos.com object should be rendered: create true, or auto and the API exists. */}}
{{- define "tenantwatch.monitoringEnabled" -}}
{{- $create := toString .create }}
{{- if or (eq $create "true") (and (eq $create "auto") (.root.Capabilities.APIVersions.Has "monitoring.coreos.com/v1")) }}true{{- end }}
{{- end }}

{{- define "tenantwatch.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The service account of a component. The one that reads Event Hubs and the cluster (all-in-one,
or ingest) can be named, to match a workload identity's federated credential. With
serviceAccount.create=false every component runs as serviceAccount.name, or "default".
*/}}
{{- define "tenantwatch.serviceAccountName" -}}
{{- if not .root.Values.serviceAccount.create }}
{{- default "default" .root.Values.serviceAccount.name }}
{{- else if and (include "tenantwatch.isEdge" .component) .root.Values.serviceAccount.name }}
{{- .root.Values.serviceAccount.name }}
{{- else if eq .component "all-in-one" }}
{{- include "tenantwatch.fullname" .root }}
{{- else }}
{{- printf "%s-%s" (include "tenantwatch.fullname" .root) .component }}
{{- end }}
{{- end }}

{{/* "true" for the component that talks to Azure and the Kubernetes API: all-in-one or ingest. */}}
{{- define "tenantwatch.isEdge" -}}
{{- if has . (list "all-in-one" "ingest") }}true{{- end }}
{{- end }}

{{- define "tenantwatch.tokensSecret" -}}
{{- required "receiver.tokens.existingSecret: name the Secret that holds the receivers' bearer tokens" .Values.receiver.tokens.existingSecret }}
{{- end }}

{{/* ConfigMap names, or empty when the file is not configured. */}}
{{- define "tenantwatch.tenancyConfigMap" -}}
{{- if .Values.tenancy.existingConfigMap }}{{ .Values.tenancy.existingConfigMap }}{{- else if .Values.tenancy.file }}{{ include "tenantwatch.fullname" . }}-tenancy{{- end }}
{{- end }}
{{- define "tenantwatch.detectorsConfigMap" -}}
{{- if .Values.detectors.existingConfigMap }}{{ .Values.detectors.existingConfigMap }}{{- else if .Values.detectors.config }}{{ include "tenantwatch.fullname" . }}-detectors{{- end }}
{{- end }}
{{- define "tenantwatch.routesConfigMap" -}}
{{- if .Values.alerting.existingConfigMap }}{{ .Values.alerting.existingConfigMap }}{{- else if .Values.alerting.routes }}{{ include "tenantwatch.fullname" . }}-routes{{- end }}
{{- end }}
{{- define "tenantwatch.eventHubsConfigMap" -}}
{{- if .Values.eventHubs.hubs }}{{ include "tenantwatch.fullname" . }}-eventhubs{{- end }}
{{- end }}

{{/*
The pod template of one workload. Parameters (a dict):
  root       the chart's context
  component  all-in-one | ingest | detect | alerting (label app.kubernetes.io/component)
  parts      the `--components` of tenantwatch run (list of ingest, detect, alerting)
  settings   the component's values (resources, podLabels, podAnnotations, priorityClassName,
             nodeSelector, tolerations, affinity, topologySpreadConstraints, extraEnv,
             extraVolumes, extraVolumeMounts)
  dataVolume name of the volume mounted at /var/lib/tenantwatch (a claim template), or "" for an emptyDir
*/}}
{{- define "tenantwatch.podTemplate" -}}
{{- $root := .root }}
{{- $v := $root.Values }}
{{- $parts := .parts }}
{{- $ingest := has "ingest" $parts }}
{{- $detect := has "detect" $parts }}
{{- $alerting := has "alerting" $parts }}
{{- $tenancy := include "tenantwatch.tenancyConfigMap" $root }}
{{- $detectors := include "tenantwatch.detectorsConfigMap" $root }}
{{- $routes := include "tenantwatch.routesConfigMap" $root }}
{{- $hubs := include "tenantwatch.eventHubsConfigMap" $root }}
{{- $directory := and $ingest $v.tenancy.directory.enabled }}
{{- $selector := merge (include "tenantwatch.selectorLabels" $root | fromYaml) (dict "app.kubernetes.io/component" .component) }}
{{- /* The chart's own labels win over podLabels: the selectors depend on them. */}}
{{- $labels := merge (dict) $selector (.settings.podLabels | default dict) ($v.podLabels | default dict) }}
{{- if and $v.azure.workloadIdentity.enabled (include "tenantwatch.isEdge" .component) }}
{{- $_ := set $labels "azure.workload.identity/use" "true" }}
{{- end }}
metadata:
  labels:
    {{- toYaml $labels | nindent 4 }}
  annotations:
    # Restart when configuration that is read once at start changes (detectors.yaml is reloaded live).
    checksum/config: {{ printf "%s|%s|%s|%s" (toYaml $v.tenancy.file) (toYaml $v.alerting.routes) (toYaml $v.eventHubs.hubs) (toYaml $v.extraArgs) | sha256sum | trunc 16 }}
    {{- with .settings.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "tenantwatch.serviceAccountName" (dict "root" $root "component" .component) }}
  automountServiceAccountToken: {{ $directory }}
  {{- with (default $v.priorityClassName .settings.priorityClassName) }}
  priorityClassName: {{ . }}
  {{- end }}
  enableServiceLinks: false
  terminationGracePeriodSeconds: 60
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  containers:
    - name: tenantwatch
      image: {{ include "tenantwatch.image" $root }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      args:
        - run
        - --components={{ join "," $parts }}
        - --bind=0.0.0.0
        - --metrics-bind=0.0.0.0
        - --metrics-port={{ $v.metrics.port }}
        {{- if $v.metrics.auth.existingSecret }}
        - --metrics-token-file=/var/run/secrets/tenantwatch/metrics/tokens
        {{- end }}
        {{- if $detect }}
        - --metrics-max-tenants={{ $v.metrics.maxTenants }}
        {{- with $v.metrics.knownClusters }}
        - --known-clusters={{ join "," . }}
        {{- end }}
        {{- end }}
        - --data-dir=/var/lib/tenantwatch
        - --cluster={{ $v.cluster }}
        {{- with $v.kafka.bootstrapServers }}
        - --bootstrap-servers={{ . }}
        {{- end }}
        {{- if $v.kafka.clientConfig.existingSecret }}
        - --kafka-config=/var/run/secrets/tenantwatch/kafka/client.properties
        {{- end }}
        {{- with $v.kafka.topicPrefix }}
        - --topic-prefix={{ . }}
        {{- end }}
        {{- with $v.kafka.partitions }}
        - --partitions={{ . }}
        {{- end }}
        {{- with $v.kafka.replicationFactor }}
        - --replication-factor={{ . }}
        {{- end }}
        {{- if and $tenancy (or $ingest $detect) }}
        - --tenancy=/etc/tenantwatch/tenancy/tenancy.yaml
        {{- end }}
        {{- if $ingest }}
        - --receiver-port={{ $v.receiver.port }}
        - --token-file=/var/run/secrets/tenantwatch/receiver/tokens
        {{- if $v.receiver.tls.secretName }}
        - --tls-cert=/var/run/secrets/tenantwatch/tls/tls.crt
        - --tls-key=/var/run/secrets/tenantwatch/tls/tls.key
        {{- end }}
        {{- if $hubs }}
        - --eventhubs=/etc/tenantwatch/eventhubs/eventhubs.yaml
        {{- end }}
        {{- if $directory }}
        - --in-cluster
        {{- end }}
        {{- end }}
        {{- if and $detect $v.tenancy.directory.enabled (not $ingest) }}
        - --tenancy-from-topic
        {{- end }}
        {{- if and $detect $detectors }}
        - --config=/etc/tenantwatch/detectors/detectors.yaml
        {{- end }}
        {{- if $detect }}
        {{- with $v.detectors.commitInterval }}
        - --commit-interval={{ . }}
        {{- end }}
        {{- if $v.detectors.exportAttributed }}
        - --export-attributed
        {{- end }}
        {{- if gt (int $v.detectors.streamThreads) 1 }}
        - --stream-threads={{ $v.detectors.streamThreads }}
        {{- end }}
        {{- end }}
        {{- if and $alerting $routes }}
        - --routes=/etc/tenantwatch/routes/routes.yaml
        {{- end }}
        {{- range $v.extraArgs }}
        - {{ . | quote }}
        {{- end }}
      env:
        - name: JAVA_TOOL_OPTIONS
          value: {{ printf "%s -Djava.io.tmpdir=/tmp" $v.javaOptions | quote }}
        {{- if $ingest }}
        {{- with $v.eventHubs.env }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- end }}
        {{- if $alerting }}
        {{- with $v.alerting.env }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- end }}
        {{- with .settings.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        {{- if $ingest }}
        - name: receiver
          containerPort: {{ $v.receiver.port }}
          protocol: TCP
        {{- end }}
        - name: metrics
          containerPort: {{ $v.metrics.port }}
          protocol: TCP
      # /healthz answers once the process has started everything (the embedded broker and the
      # Streams state restore can take minutes): the startup probe allows ten.
      startupProbe:
        httpGet: {path: /healthz, port: metrics}
        periodSeconds: 5
        failureThreshold: 120
      livenessProbe:
        httpGet: {path: /healthz, port: metrics}
        periodSeconds: 10
        failureThreshold: 6
      readinessProbe:
        httpGet: {path: /readyz, port: metrics}
        periodSeconds: 10
        failureThreshold: 3
      resources:
        {{- toYaml .settings.resources | nindent 8 }}
      securityContext:
        {{- toYaml $v.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - {name: data, mountPath: /var/lib/tenantwatch}
        - {name: tmp, mountPath: /tmp}
        {{- if $v.metrics.auth.existingSecret }}
        - {name: metrics-tokens, mountPath: /var/run/secrets/tenantwatch/metrics, readOnly: true}
        {{- end }}
        {{- if $v.kafka.clientConfig.existingSecret }}
        - {name: kafka-client, mountPath: /var/run/secrets/tenantwatch/kafka, readOnly: true}
        {{- end }}
        {{- if and $tenancy (or $ingest $detect) }}
        - {name: tenancy, mountPath: /etc/tenantwatch/tenancy, readOnly: true}
        {{- end }}
        {{- if $ingest }}
        - {name: receiver-tokens, mountPath: /var/run/secrets/tenantwatch/receiver, readOnly: true}
        {{- if $v.receiver.tls.secretName }}
        - {name: receiver-tls, mountPath: /var/run/secrets/tenantwatch/tls, readOnly: true}
        {{- end }}
        {{- if $hubs }}
        - {name: eventhubs, mountPath: /etc/tenantwatch/eventhubs, readOnly: true}
        {{- end }}
        {{- end }}
        {{- if and $detect $detectors }}
        - {name: detectors, mountPath: /etc/tenantwatch/detectors, readOnly: true}
        {{- end }}
        {{- if $alerting }}
        {{- if $routes }}
        - {name: routes, mountPath: /etc/tenantwatch/routes, readOnly: true}
        {{- end }}
        {{- range $v.alerting.secretMounts }}
        - {name: {{ printf "sink-%s" .name }}, mountPath: {{ .mountPath }}, readOnly: true}
        {{- end }}
        {{- end }}
        {{- with .settings.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    {{- if not .dataVolume }}
    - name: data
      emptyDir: {}
    {{- end }}
    - name: tmp
      emptyDir: {}
    {{- if $v.metrics.auth.existingSecret }}
    - name: metrics-tokens
      secret:
        secretName: {{ $v.metrics.auth.existingSecret }}
        items: [{key: {{ $v.metrics.auth.key }}, path: tokens}]
    {{- end }}
    {{- if $v.kafka.clientConfig.existingSecret }}
    - name: kafka-client
      secret:
        secretName: {{ $v.kafka.clientConfig.existingSecret }}
        items: [{key: {{ $v.kafka.clientConfig.key }}, path: client.properties}]
    {{- end }}
    {{- if and $tenancy (or $ingest $detect) }}
    - name: tenancy
      configMap: {name: {{ $tenancy }}}
    {{- end }}
    {{- if $ingest }}
    - name: receiver-tokens
      secret:
        secretName: {{ include "tenantwatch.tokensSecret" $root }}
        items: [{key: {{ $v.receiver.tokens.key }}, path: tokens}]
    {{- if $v.receiver.tls.secretName }}
    - name: receiver-tls
      secret: {secretName: {{ $v.receiver.tls.secretName }}}
    {{- end }}
    {{- if $hubs }}
    - name: eventhubs
      configMap: {name: {{ $hubs }}}
    {{- end }}
    {{- end }}
    {{- if and $detect $detectors }}
    - name: detectors
      configMap: {name: {{ $detectors }}}
    {{- end }}
    {{- if $alerting }}
    {{- if $routes }}
    - name: routes
      configMap: {name: {{ $routes }}}
    {{- end }}
    {{- range $v.alerting.secretMounts }}
    - name: {{ printf "sink-%s" .name }}
      secret: {secretName: {{ .secretName }}}
    {{- end }}
    {{- end }}
    {{- with .settings.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with .settings.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .settings.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .settings.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .settings.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- range . }}
    {{- $constraint := deepCopy . }}
    {{- /* A constraint that names no pods spreads this component's own. */}}
    {{- if not $constraint.labelSelector }}
    {{- $_ := set $constraint "labelSelector" (dict "matchLabels" $selector) }}
    {{- end }}
    - {{ toYaml $constraint | nindent 6 | trim }}
    {{- end }}
  {{- end }}
{{- end }}
