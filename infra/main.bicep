targetScope = 'subscription'

metadata description = 'OncologyMassage.Functions: Flex Consumption function app with Durable Functions on Azure Storage, Table Storage, Key Vault secrets and Application Insights, all reached with one user-assigned managed identity. Deploy with `azd up` (docs/deploy.md).'

// ---------- azd environment ----------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; part of the resource group name and of the resource token that makes names unique.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Name of the resource group; empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object ID of the user or service principal running the deployment (azd sets AZURE_PRINCIPAL_ID); it gets Key Vault Secrets Officer to set the secrets. Empty for none.')
param principalId string = ''

@description('Kind of principalId: User for a person running azd, ServicePrincipal for the GitHub deploy workflow.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

// ---------- hosting ----------

@description('Memory of each Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Always-ready instances for HTTP triggers (0: scale to zero, cheapest; 1+: no cold start, billed while idle).')
@minValue(0)
param alwaysReadyHttpInstances int = 0

@description('Always-ready instances for Durable Functions triggers (0: scale to zero).')
@minValue(0)
param alwaysReadyDurableInstances int = 0

@description('Put the app in a virtual network and reach storage and Key Vault only through private endpoints (their public access is turned off).')
param vnetEnabled bool = false

@description('Days a deleted Key Vault or secret stays recoverable (7-90). With purge protection the name stays taken that long after `azd down`.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

// ---------- app settings (AppSettings.All) ----------

@description('Durable Functions task hub name (DurableTaskHubName); letters and digits, starting with a letter.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'OncologyMassage'

@description('Prefix of every table the app owns (Storage__TablePrefix); empty for none.')
@maxLength(21)
param tablePrefix string = ''

@description('Public base URL used in links sent to clients and oncologists (Links__PublicBaseUrl); empty: the function app\'s own https address.')
param publicBaseUrl string = ''

@description('Application (client) id of the Entra ID app registration coordinators sign in with; empty: coordinators cannot sign in (no App Service authentication).')
param coordinatorAuthClientId string = ''

@description('Entra ID object ids of the coordinators allowed to sign in; empty: rely on the enterprise application\'s "assignment required" (docs/deploy.md).')
param coordinatorObjectIds array = []

@description('Sender address of outgoing email (Email__FromAddress); must be a verified SendGrid sender.')
param emailFromAddress string = 'referrals@oncologymassage.example'

@description('Sender display name of outgoing email (Email__FromName).')
param emailFromName string = 'Oncology Massage Referrals'

@description('First reminder to the oncologist when a release is undecided (Workflow__ReleaseReminderAfter), .NET TimeSpan d.hh:mm:ss.')
param releaseReminderAfter string = '2.00:00:00'

@description('When an undecided release closes the referral as Expired (Workflow__ReleaseExpiresAfter), .NET TimeSpan d.hh:mm:ss.')
param releaseExpiresAfter string = '14.00:00:00'

@description('First retry interval of a failed workflow activity (Workflow__ActivityRetryInterval), .NET TimeSpan d.hh:mm:ss.')
param activityRetryInterval string = '00:00:05'

@description('Sender of outgoing email (Messaging__EmailProvider): DevOutbox keeps it in the Outbox table, SendGrid sends it.')
@allowed([
  'DevOutbox'
  'SendGrid'
])
param emailProvider string = 'DevOutbox'

@description('Sender of outgoing SMS (Messaging__SmsProvider): DevOutbox keeps it in the Outbox table, Twilio sends it.')
@allowed([
  'DevOutbox'
  'Twilio'
])
param smsProvider string = 'DevOutbox'

@description('HTTP retries of a vendor call after the first attempt, on 429, 5xx and connection failures (Messaging__MaxRetryAttempts).')
@minValue(0)
@maxValue(10)
param messagingMaxRetryAttempts int = 3

@description('Base of the exponential retry backoff with jitter; a Retry-After header replaces it (Messaging__RetryBaseDelay), .NET TimeSpan.')
param messagingRetryBaseDelay string = '00:00:01'

@description('Longest wait before a vendor retry, Retry-After included (Messaging__RetryMaxDelay), .NET TimeSpan.')
param messagingRetryMaxDelay string = '00:00:30'

@description('Time limit of one HTTP attempt to a vendor (Messaging__AttemptTimeout), .NET TimeSpan.')
param messagingAttemptTimeout string = '00:00:10'

@description('Time limit of one send, retries included (Messaging__TotalTimeout), .NET TimeSpan.')
param messagingTotalTimeout string = '00:01:00'

@description('Twilio sending number in E.164 (Twilio__FromNumber); empty when a Messaging Service is used.')
param twilioFromNumber string = ''

@description('Twilio Messaging Service SID, MG... (Twilio__MessagingServiceSid); takes precedence over the sending number.')
param twilioMessagingServiceSid string = ''

@description('Twilio REST base address (Twilio__BaseUrl); empty for https://api.twilio.com.')
param twilioBaseUrl string = ''

@description('SendGrid v3 base address (SendGrid__BaseUrl); empty for https://api.sendgrid.com, https://api.eu.sendgrid.com for EU data residency.')
param sendGridBaseUrl string = ''

@description('Ask SendGrid\'s Email Activity API (a paid add-on) whether an email whose send was interrupted went out, instead of waiting for its processed event (SendGrid__EmailActivityApi).')
param sendGridEmailActivityApi bool = false

@description('How long SendGrid\'s Email Activity API may take to list an accepted email before "not listed" means "not sent" (SendGrid__EmailActivityIndexingDelay), .NET TimeSpan.')
param sendGridEmailActivityIndexingDelay string = '00:10:00'

@description('Earliest start of a slot offered to a client, after the offer (Scheduling__LeadTime), .NET TimeSpan d.hh:mm:ss.')
param schedulingLeadTime string = '1.00:00:00'

@description('Latest start of a slot offered to a client, after the offer (Scheduling__Horizon), .NET TimeSpan d.hh:mm:ss.')
param schedulingHorizon string = '21.00:00:00'

@description('Slots offered to a client at once; the client replies with a number (Scheduling__SlotsOffered).')
@minValue(1)
@maxValue(9)
param schedulingSlotsOffered int = 3

@description('Days after a referral closes before its orchestration history and instance rows are purged (Privacy__PurgeHistoryAfterDays).')
@minValue(1)
@maxValue(3650)
param privacyPurgeHistoryAfterDays int = 30

@description('Years after a closed referral\'s last activity before all of its data is erased (Privacy__RetentionYears); the reasoning is in docs/privacy.md.')
@minValue(1)
@maxValue(100)
param privacyRetentionYears int = 7

@description('How long a host keeps a practice API key it has read before reading it again (Caching__PracticeKeysFor), .NET TimeSpan; a key revoked on another host is refused at the latest this long after. 00:00:00 turns the cache off.')
param cachingPracticeKeysFor string = '00:00:30'

@description('How long a host keeps a venue it has read (Caching__VenuesFor), .NET TimeSpan; 00:00:00 turns the cache off.')
param cachingVenuesFor string = '00:00:30'

@description('How long a host remembers a referral row it has read or written (Caching__ReferralsFor), .NET TimeSpan; 00:00:00 turns it off.')
param cachingReferralsFor string = '00:00:30'

@description('How long the orphan sweep leaves a new referral row to the request that wrote it before starting its orchestration itself (OrphanReferrals__SettleAfter), .NET TimeSpan, at most 01:00:00.')
param orphanReferralsSettleAfter string = '00:00:10'

@description('How far back the orphan sweep looks for referrals without an orchestration (OrphanReferrals__LookBack), .NET TimeSpan.')
param orphanReferralsLookBack string = '30.00:00:00'

@description('Retries of a failed storage request of the app\'s table and blob clients after the first attempt (StorageRetry__MaxRetries); in Azure the Durable engine retries with its own settings (host.json).')
@minValue(0)
@maxValue(20)
param storageRetryMaxRetries int = 3

@description('How long one storage request may wait for an answer before it is abandoned and retried (StorageRetry__NetworkTimeout), .NET TimeSpan.')
param storageRetryNetworkTimeout string = '00:00:30'

@description('Email address told when the Durable engine leaves an orchestration instance stuck (an Azure Monitor alert on the engine\'s log). Empty: the alert shows in the portal only.')
param opsAlertEmail string = ''

@description('Blob container for the daily copy of the audit (Privacy__AuditArchiveContainer); immutable for the retention period.')
param auditArchiveContainerName string = 'audit-archive'

// ---------- secrets (optional here: usually set after deploy with az keyvault secret set) ----------

@secure()
@description('Twilio account SID; empty: leave the Key Vault secret as it is.')
param twilioAccountSid string = ''

@secure()
@description('Twilio auth token; empty: leave the Key Vault secret as it is.')
param twilioAuthToken string = ''

@secure()
@description('SendGrid API key; empty: leave the Key Vault secret as it is.')
param sendGridApiKey string = ''

@secure()
@description('SendGrid signed event webhook verification key; empty: leave the Key Vault secret as it is.')
param sendGridWebhookPublicKey string = ''

@secure()
@description('Link-signing key; empty: leave the Key Vault secret as it is.')
param linkSigningKey string = ''

@secure()
@description('The link-signing key before the last rotation (links it signed keep working); empty: leave the Key Vault secret as it is.')
param previousLinkSigningKey string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'oncology-massage'
}
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
// Names are computed here (not read from module outputs) so What-If can predict every resource.
var vnetName = '${abbrs.networkVirtualNetworks}${resourceToken}'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    opsAlertEmail: opsAlertEmail
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: [
      deploymentContainerName
    ]
    immutableContainerName: auditArchiveContainerName
    immutableContainerDays: privacyRetentionYears * 366
    publicNetworkAccess: !vnetEnabled
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    publicNetworkAccess: !vnetEnabled
  }
}

module secrets 'app/secrets.bicep' = {
  name: 'secrets'
  scope: rg
  dependsOn: [
    keyVault
  ]
  params: {
    keyVaultName: keyVaultName
    twilioAccountSid: twilioAccountSid
    twilioAuthToken: twilioAuthToken
    sendGridApiKey: sendGridApiKey
    sendGridWebhookPublicKey: sendGridWebhookPublicKey
    linkSigningKey: linkSigningKey
    previousLinkSigningKey: previousLinkSigningKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  dependsOn: [
    storage
    keyVault
    monitoring
    identity
  ]
  params: {
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    identityName: identityName
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module vnet 'core/networking/virtual-network.bicep' = if (vnetEnabled) {
  name: 'vnet'
  scope: rg
  params: {
    name: vnetName
    location: location
    tags: tags
  }
}

// Private endpoints: blob, queue and table for storage (Durable Functions uses all three), vault for Key Vault.
var privateEndpoints = [
  {
    groupId: 'blob'
    service: 'storage'
    dnsZone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    groupId: 'queue'
    service: 'storage'
    dnsZone: 'privatelink.queue.${environment().suffixes.storage}'
  }
  {
    groupId: 'table'
    service: 'storage'
    dnsZone: 'privatelink.table.${environment().suffixes.storage}'
  }
  {
    groupId: 'vault'
    service: 'keyvault'
    // keyvaultDns is '.vault.azure.net' (or the sovereign cloud's); the private zone is privatelink.vaultcore.<same suffix>.
    dnsZone: 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
  }
]

@batchSize(1) // one endpoint at a time: parallel endpoints on the same storage account can conflict
module privateEndpoint 'core/networking/private-endpoint.bicep' = [
  for pe in privateEndpoints: if (vnetEnabled) {
    name: 'private-endpoint-${pe.groupId}'
    scope: rg
    dependsOn: [
      vnet
    ]
    params: {
      name: '${abbrs.networkPrivateEndpoints}${pe.groupId}-${resourceToken}'
      location: location
      tags: tags
      virtualNetworkName: vnetName
      subnetName: 'private-endpoints'
      privateLinkServiceId: pe.service == 'storage' ? storage.outputs.resourceId : keyVault.outputs.resourceId
      groupId: pe.groupId
      privateDnsZoneName: pe.dnsZone
    }
  }
]

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    appServicePlanId: plan.outputs.resourceId
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    keyVaultUri: keyVault.outputs.uri
    virtualNetworkSubnetId: vnet.?outputs.appSubnetId ?? ''
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    taskHubName: taskHubName
    tablePrefix: tablePrefix
    publicBaseUrl: publicBaseUrl
    coordinatorAuthClientId: coordinatorAuthClientId
    coordinatorObjectIds: coordinatorObjectIds
    emailFromAddress: emailFromAddress
    emailFromName: emailFromName
    releaseReminderAfter: releaseReminderAfter
    releaseExpiresAfter: releaseExpiresAfter
    activityRetryInterval: activityRetryInterval
    emailProvider: emailProvider
    smsProvider: smsProvider
    messagingMaxRetryAttempts: messagingMaxRetryAttempts
    messagingRetryBaseDelay: messagingRetryBaseDelay
    messagingRetryMaxDelay: messagingRetryMaxDelay
    messagingAttemptTimeout: messagingAttemptTimeout
    messagingTotalTimeout: messagingTotalTimeout
    twilioFromNumber: twilioFromNumber
    twilioMessagingServiceSid: twilioMessagingServiceSid
    twilioBaseUrl: twilioBaseUrl
    sendGridBaseUrl: sendGridBaseUrl
    sendGridEmailActivityApi: sendGridEmailActivityApi
    sendGridEmailActivityIndexingDelay: sendGridEmailActivityIndexingDelay
    schedulingLeadTime: schedulingLeadTime
    schedulingHorizon: schedulingHorizon
    schedulingSlotsOffered: schedulingSlotsOffered
    privacyPurgeHistoryAfterDays: privacyPurgeHistoryAfterDays
    privacyRetentionYears: privacyRetentionYears
    auditArchiveContainerName: auditArchiveContainerName
    cachingPracticeKeysFor: cachingPracticeKeysFor
    cachingVenuesFor: cachingVenuesFor
    cachingReferralsFor: cachingReferralsFor
    orphanReferralsSettleAfter: orphanReferralsSettleAfter
    orphanReferralsLookBack: orphanReferralsLookBack
    storageRetryMaxRetries: storageRetryMaxRetries
    storageRetryNetworkTimeout: storageRetryNetworkTimeout
  }
  // The app starts pulling its package, storage and secrets as soon as it exists: grant the roles first.
  dependsOn: [
    storage
    monitoring
    rbac
    secrets
    privateEndpoint
  ]
}

// Outputs land in the azd environment (.azure/<env>/.env); none of them is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = 'https://${api.outputs.defaultHostName}'
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output DURABLE_TASK_HUB_NAME string = taskHubName
