// tenantwatch on Azure: the Event Hubs that carry an AKS cluster's audit log (Diagnostic Settings,
// category kube-audit) and its Falco alerts (falcosidekick), tenantwatch's consumer group on each,
// and workload identities for tenantwatch (receive) and falcosidekick (send), so that no
// connection string is needed anywhere.
//
// NOT VALIDATED BY THE BUILD: no Azure subscription is reachable from it. Check before use with
//   az bicep build --file main.bicep
//   az deployment group what-if -g RG --template-file main.bicep --parameters namespaceName=... aksClusterName=...
// az-commands.sh does the same with plain az commands.
//
// Deploy into the resource group of the AKS cluster (the diagnostic setting is created on it).
// The cluster needs the OIDC issuer and workload identity enabled:
//   az aks update -g RG -n CLUSTER --enable-oidc-issuer --enable-workload-identity

targetScope = 'resourceGroup'

@description('Event Hubs namespace name: globally unique, 6-50 letters, digits and hyphens.')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Name of the existing AKS cluster whose audit log is streamed (in this resource group).')
param aksClusterName string

param location string = resourceGroup().location

@description('Standard is enough for one or a few clusters; Premium for isolation and more partitions.')
@allowed([ 'Standard', 'Premium' ])
param sku string = 'Standard'

@description('Throughput units (Standard) or processing units (Premium).')
param capacity int = 1

@description('Partitions per hub: the most tenantwatch replicas that can share a hub. Fixed once created on Standard.')
@minValue(1)
@maxValue(32)
param partitionCount int = 4

@description('How long the hubs keep events: how long tenantwatch may be down without losing any (Standard: at most 7 days).')
@minValue(1)
@maxValue(7)
param retentionDays int = 7

param auditHubName string = 'aks-audit'
param falcoHubName string = 'falco'

@description('tenantwatch\'s own consumer group on each hub (never share $Default with other readers).')
param consumerGroupName string = 'tenantwatch'

@description('kube-audit carries every audit event; kube-audit-admin leaves out get and list. Choose one: both to one hub deliver writes twice.')
@allowed([ 'kube-audit', 'kube-audit-admin' ])
param auditCategory string = 'kube-audit'

@description('Kubernetes namespace and service account tenantwatch runs as.')
param tenantwatchNamespace string = 'tenantwatch'
param tenantwatchServiceAccount string = 'tenantwatch'

@description('Kubernetes namespace and service account of falcosidekick (the falco chart names it RELEASE-falcosidekick).')
param falcoNamespace string = 'falco'
param falcosidekickServiceAccount string = 'falco-falcosidekick'

// Built-in role definitions (the same ids in every tenant).
var eventHubsDataReceiver = 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
var eventHubsDataSender = '2b629674-e913-4c01-ae53-ef4638d8f975'

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' existing = {
  name: aksClusterName
}

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  sku: {
    name: sku
    tier: sku
    capacity: capacity
  }
  properties: {
    minimumTlsVersion: '1.2'
    // tenantwatch and falcosidekick use Entra ID; the diagnostic setting still needs a SAS rule.
    disableLocalAuth: false
    // The Kafka endpoint (tenantwatch's transport=kafka) is available on Standard and Premium.
    kafkaEnabled: true
  }
}

resource auditHub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: auditHubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: retentionDays
  }
}

resource falcoHub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: falcoHubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: retentionDays
  }
}

resource auditConsumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: auditHub
  name: consumerGroupName
}

resource falcoConsumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: falcoHub
  name: consumerGroupName
}

// Azure Monitor writes diagnostic logs with a namespace-level rule that has Manage, Send and
// Listen: the namespace's default rule. Nobody else uses it.
resource rootRule 'Microsoft.EventHub/namespaces/authorizationRules@2024-01-01' existing = {
  parent: namespace
  name: 'RootManageSharedAccessKey'
}

resource kubeAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'tenantwatch-${auditCategory}'
  scope: aks
  properties: {
    eventHubAuthorizationRuleId: rootRule.id
    eventHubName: auditHub.name
    logs: [
      {
        category: auditCategory
        enabled: true
      }
    ]
  }
}

// tenantwatch: receives from both hubs, as its Kubernetes service account (workload identity).
resource tenantwatchIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namespaceName}-tenantwatch'
  location: location
}

resource tenantwatchFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: tenantwatchIdentity
  name: 'aks-${aksClusterName}'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:${tenantwatchNamespace}:${tenantwatchServiceAccount}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}

resource tenantwatchReadsAudit 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(auditHub.id, tenantwatchIdentity.id, eventHubsDataReceiver)
  scope: auditHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataReceiver)
    principalId: tenantwatchIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tenantwatchReadsFalco 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(falcoHub.id, tenantwatchIdentity.id, eventHubsDataReceiver)
  scope: falcoHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataReceiver)
    principalId: tenantwatchIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// falcosidekick: sends to the Falco hub only (its Event Hub output uses DefaultAzureCredential).
resource falcosidekickIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namespaceName}-falcosidekick'
  location: location
}

resource falcosidekickFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: falcosidekickIdentity
  name: 'aks-${aksClusterName}'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:${falcoNamespace}:${falcosidekickServiceAccount}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}

resource falcosidekickSendsFalco 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(falcoHub.id, falcosidekickIdentity.id, eventHubsDataSender)
  scope: falcoHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataSender)
    principalId: falcosidekickIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('For tenantwatch\'s and falcosidekick\'s namespace setting.')
// serviceBusEndpoint is https://NAME.servicebus.windows.net:443/ (another suffix in sovereign clouds).
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
output auditHub string = auditHub.name
output falcoHub string = falcoHub.name
output consumerGroup string = consumerGroupName
@description('Annotate tenantwatch\'s service account with azure.workload.identity/client-id: this.')
output tenantwatchClientId string = tenantwatchIdentity.properties.clientId
@description('falcosidekick.config.azure.workloadIdentityClientID')
output falcosidekickClientId string = falcosidekickIdentity.properties.clientId
output aksResourceId string = aks.id
