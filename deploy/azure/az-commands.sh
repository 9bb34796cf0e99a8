#!/usr/bin/env bash
# The same resources as main.bicep, with plain az commands: the Event Hubs namespace, the audit and
# Falco hubs with tenantwatch's consumer group, the AKS diagnostic setting for kube-audit, and
# workload identities for tenantwatch (Data Receiver) and falcosidekick (Data Sender).
#
# NOT VALIDATED BY THE BUILD: no Azure subscription is reachable from it. Read it, then run it
# step by step the first time (bash -x az-commands.sh), with the variables below set.
#
# Needs: az (logged in, subscription selected), an AKS cluster with the OIDC issuer and workload
# identity enabled:  az aks update -g "$RG" -n "$AKS" --enable-oidc-issuer --enable-workload-identity
set -euo pipefail

RG=${RG:?set RG, the resource group of the AKS cluster}
AKS=${AKS:?set AKS, the AKS cluster name}
NS=${NS:?set NS, a globally unique Event Hubs namespace name (6-50 letters, digits, hyphens)}
LOCATION=${LOCATION:-$(az group show -n "$RG" --query location -o tsv)}
SKU=${SKU:-Standard}
PARTITIONS=${PARTITIONS:-4}        # the most tenantwatch replicas that can share a hub
RETENTION_DAYS=${RETENTION_DAYS:-7} # how long tenantwatch may be down without losing events
AUDIT_HUB=${AUDIT_HUB:-aks-audit}
FALCO_HUB=${FALCO_HUB:-falco}
GROUP=${GROUP:-tenantwatch}         # tenantwatch's own consumer group, never $Default
CATEGORY=${CATEGORY:-kube-audit}    # or kube-audit-admin (no get/list); not both into one hub
TW_NAMESPACE=${TW_NAMESPACE:-tenantwatch}
TW_SERVICE_ACCOUNT=${TW_SERVICE_ACCOUNT:-tenantwatch}
FALCO_NAMESPACE=${FALCO_NAMESPACE:-falco}
SIDEKICK_SERVICE_ACCOUNT=${SIDEKICK_SERVICE_ACCOUNT:-falco-falcosidekick}

# 1. Namespace and hubs (the Kafka endpoint is on for Standard and Premium).
az eventhubs namespace create -g "$RG" -n "$NS" -l "$LOCATION" --sku "$SKU" --minimum-tls-version 1.2
for HUB in "$AUDIT_HUB" "$FALCO_HUB"; do
  az eventhubs eventhub create -g "$RG" --namespace-name "$NS" -n "$HUB" \
    --partition-count "$PARTITIONS" --retention-time-in-hours $((RETENTION_DAYS * 24)) --cleanup-policy Delete
  az eventhubs eventhub consumer-group create -g "$RG" --namespace-name "$NS" --eventhub-name "$HUB" -n "$GROUP"
done

# 2. The AKS diagnostic setting: the audit log into the audit hub, written with the namespace's
#    default rule (Azure Monitor needs Manage, Send and Listen on the namespace).
AKS_ID=$(az aks show -g "$RG" -n "$AKS" --query id -o tsv)
RULE_ID=$(az eventhubs namespace authorization-rule show -g "$RG" --namespace-name "$NS" \
  -n RootManageSharedAccessKey --query id -o tsv)
az monitor diagnostic-settings create -n "tenantwatch-$CATEGORY" --resource "$AKS_ID" \
  --event-hub "$AUDIT_HUB" --event-hub-rule "$RULE_ID" \
  --logs "[{\"category\":\"$CATEGORY\",\"enabled\":true}]"

# 3. Workload identities: tenantwatch receives from both hubs, falcosidekick sends to the Falco hub.
ISSUER=$(az aks show -g "$RG" -n "$AKS" --query oidcIssuerProfile.issuerUrl -o tsv)
AUDIT_HUB_ID=$(az eventhubs eventhub show -g "$RG" --namespace-name "$NS" -n "$AUDIT_HUB" --query id -o tsv)
FALCO_HUB_ID=$(az eventhubs eventhub show -g "$RG" --namespace-name "$NS" -n "$FALCO_HUB" --query id -o tsv)

az identity create -g "$RG" -n "id-$NS-tenantwatch" -l "$LOCATION"
az identity federated-credential create -g "$RG" --identity-name "id-$NS-tenantwatch" -n "aks-$AKS" \
  --issuer "$ISSUER" --subject "system:serviceaccount:$TW_NAMESPACE:$TW_SERVICE_ACCOUNT" \
  --audiences api://AzureADTokenExchange
TW_PRINCIPAL=$(az identity show -g "$RG" -n "id-$NS-tenantwatch" --query principalId -o tsv)
for SCOPE in "$AUDIT_HUB_ID" "$FALCO_HUB_ID"; do
  az role assignment create --assignee-object-id "$TW_PRINCIPAL" --assignee-principal-type ServicePrincipal \
    --role "Azure Event Hubs Data Receiver" --scope "$SCOPE"
done

az identity create -g "$RG" -n "id-$NS-falcosidekick" -l "$LOCATION"
az identity federated-credential create -g "$RG" --identity-name "id-$NS-falcosidekick" -n "aks-$AKS" \
  --issuer "$ISSUER" --subject "system:serviceaccount:$FALCO_NAMESPACE:$SIDEKICK_SERVICE_ACCOUNT" \
  --audiences api://AzureADTokenExchange
SIDEKICK_PRINCIPAL=$(az identity show -g "$RG" -n "id-$NS-falcosidekick" --query principalId -o tsv)
az role assignment create --assignee-object-id "$SIDEKICK_PRINCIPAL" --assignee-principal-type ServicePrincipal \
  --role "Azure Event Hubs Data Sender" --scope "$FALCO_HUB_ID"

# 4. What tenantwatch and falcosidekick need to know.
echo "namespace:                 $NS.servicebus.windows.net"
echo "audit hub / falco hub:     $AUDIT_HUB / $FALCO_HUB (consumer group $GROUP)"
echo "tenantwatch client id:     $(az identity show -g "$RG" -n "id-$NS-tenantwatch" --query clientId -o tsv)"
echo "falcosidekick client id:   $(az identity show -g "$RG" -n "id-$NS-falcosidekick" --query clientId -o tsv)"
echo "AKS resource id:           $AKS_ID"
