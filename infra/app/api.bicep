metadata description = 'The Functions app on Flex Consumption (dotnet-isolated 10.0) and every app setting it reads. The app-settings consistency test (tests/OncologyMassage.Infra.Tests) compares the names below with AppSettings.All in both directions.'

@description('Name of the function app.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the app (azd-service-name is added here).')
param tags object = {}

@description('Name of the service in azure.yaml; azd finds the app to deploy to by the azd-service-name tag.')
param serviceName string = 'api'

@description('Resource ID of the Flex Consumption plan.')
param appServicePlanId string

@description('Resource ID of the user-assigned identity used for storage, Key Vault references, deployment and telemetry.')
param identityId string

@description('Client ID of that identity.')
param identityClientId string

@description('Name of the storage account for host storage, Durable Functions, tables and the deployment package.')
param storageAccountName string

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('URI of the Key Vault holding the secrets (ends with a slash).')
param keyVaultUri string

@description('Resource ID of the subnet for VNet integration; empty for none.')
param virtualNetworkSubnetId string = ''

@description('Memory of each instance in MB.')
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

@description('Always-ready instances for the HTTP trigger group (0: scale to zero; each ready instance is billed while idle).')
@minValue(0)
param alwaysReadyHttpInstances int = 0

@description('Always-ready instances for the Durable Functions trigger group (orchestrations, activities, entities).')
@minValue(0)
param alwaysReadyDurableInstances int = 0

@description('Durable Functions task hub name (letters and digits, 3-45 characters, starting with a letter).')
@minLength(3)
@maxLength(45)
param taskHubName string

@description('Prefix of every table the app owns (Storage__TablePrefix); empty for none.')
param tablePrefix string = ''

@description('Public base URL for links in messages (Links__PublicBaseUrl); empty: the app\'s own https://<default host name>.')
param publicBaseUrl string = ''

@description('Application (client) id of the Entra ID app registration coordinators sign in with; empty: no App Service authentication, and the app then trusts no x-ms-client-principal header (Auth__TrustAppServicePrincipal).')
param coordinatorAuthClientId string = ''

@description('Entra ID object ids of the people allowed to sign in (App Service authentication refuses everyone else with 403); empty: any user the enterprise application admits, so turn on its "assignment required" (docs/deploy.md).')
param coordinatorObjectIds array = []

@description('Sender address of outgoing email (Email__FromAddress).')
param emailFromAddress string

@description('Sender display name of outgoing email (Email__FromName).')
param emailFromName string

@description('Time until the first reminder to the oncologist about an undecided release, as a .NET TimeSpan (d.hh:mm:ss).')
param releaseReminderAfter string

@description('Time until an undecided release closes the referral as Expired, as a .NET TimeSpan (d.hh:mm:ss).')
param releaseExpiresAfter string

@description('First retry interval of a failed workflow activity (later retries back off exponentially), as a .NET TimeSpan (d.hh:mm:ss).')
param activityRetryInterval string

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

@description('Earliest start of an offered slot after the offer (Scheduling__LeadTime), .NET TimeSpan d.hh:mm:ss.')
param schedulingLeadTime string = '1.00:00:00'

@description('Latest start of an offered slot after the offer (Scheduling__Horizon), .NET TimeSpan d.hh:mm:ss.')
param schedulingHorizon string = '21.00:00:00'

@description('Slots offered to a client at once (Scheduling__SlotsOffered).')
@minValue(1)
@maxValue(9)
param schedulingSlotsOffered int = 3

@description('Proxies whose X-Forwarded-For names the client (Proxy__TrustedProxies): comma-separated IPs or CIDR ranges. The Functions host hands each request to the worker from loopback; add Azure Front Door or gateway ranges if one stands in front.')
param trustedProxies string = '127.0.0.1,::1'

// One switch for coordinator sign-in: App Service authentication runs (authSettings below) exactly when the app is told to
// trust the x-ms-client-principal header it sets. The infra tests check that both derive from this variable.
var coordinatorSignIn = !empty(coordinatorAuthClientId)

@description('Days after a referral closes before its orchestration history is purged (Privacy__PurgeHistoryAfterDays).')
@minValue(1)
@maxValue(3650)
param privacyPurgeHistoryAfterDays int = 30

@description('Years after a closed referral\'s last activity before all of its data is erased (Privacy__RetentionYears); see docs/privacy.md.')
@minValue(1)
@maxValue(100)
param privacyRetentionYears int = 7

@description('Blob container receiving the daily copy of the audit (Privacy__AuditArchiveContainer).')
param auditArchiveContainerName string = 'audit-archive'

@description('How long a host keeps a practice API key it has read (Caching__PracticeKeysFor), .NET TimeSpan; 00:00:00 turns the cache off.')
param cachingPracticeKeysFor string = '00:00:30'

@description('How long a host keeps a venue it has read (Caching__VenuesFor), .NET TimeSpan; 00:00:00 turns the cache off.')
param cachingVenuesFor string = '00:00:30'

@description('How long a host remembers a referral row it has read or written (Caching__ReferralsFor), .NET TimeSpan; 00:00:00 turns it off.')
param cachingReferralsFor string = '00:00:30'

@description('How long the orphan sweep leaves a new referral row to the request that wrote it (OrphanReferrals__SettleAfter), .NET TimeSpan.')
param orphanReferralsSettleAfter string = '00:00:10'

@description('How far back the orphan sweep looks (OrphanReferrals__LookBack), .NET TimeSpan.')
param orphanReferralsLookBack string = '30.00:00:00'

@description('Retries of a failed storage request after the first attempt (StorageRetry__MaxRetries).')
@minValue(0)
@maxValue(20)
param storageRetryMaxRetries int = 3

@description('How long one storage request may wait for an answer before it is retried (StorageRetry__NetworkTimeout), .NET TimeSpan.')
param storageRetryNetworkTimeout string = '00:00:30'

var alwaysReady = concat(
  alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : [],
  alwaysReadyDurableInstances > 0 ? [{ name: 'durable', instanceCount: alwaysReadyDurableInstances }] : []
)

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlanId
    httpsOnly: true
    // Key Vault references (@Microsoft.KeyVault(...)) resolve with this identity, not a system-assigned one.
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Deployments (azd deploy, the GitHub workflow) authenticate with Entra ID; basic publishing credentials stay off.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

// One literal object, so every setting name is visible in the compiled template (the consistency test reads it).
// Flex Consumption sets the runtime in functionAppConfig: FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not allowed here.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Platform: host storage through the managed identity (Durable Functions uses its blobs, queues and tables).
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // Platform: telemetry with Entra ID auth (local auth is disabled on the component).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // AppSettings.All (src/OncologyMassage.Infrastructure/Configuration/AppSettings.cs).
    DurableTaskHubName: taskHubName
    Storage__TablePrefix: tablePrefix
    Links__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${functionApp.properties.defaultHostName}' : publicBaseUrl
    Email__FromAddress: emailFromAddress
    Email__FromName: emailFromName
    Workflow__ReleaseReminderAfter: releaseReminderAfter
    Workflow__ReleaseExpiresAfter: releaseExpiresAfter
    Workflow__ActivityRetryInterval: activityRetryInterval
    // The other workflow durations keep the clinic's defaults; change them here or in the portal (.NET TimeSpan d.hh:mm:ss).
    Workflow__MdQuestionExpiresAfter: '7.00:00:00'
    Workflow__IntakeReminderAfter: '2.00:00:00'
    Workflow__IntakeExpiresAfter: '14.00:00:00'
    Workflow__SchedulingReminderAfter: '2.00:00:00'
    Workflow__SchedulingExpiresAfter: '14.00:00:00'
    Workflow__ConsentReminderAfter: '1.00:00:00'
    Workflow__SessionReminderBefore: '1.00:00:00'
    Workflow__SessionRecordGrace: '2.00:00:00'
    Workflow__FirstFollowUpAfter: '1.00:00:00'
    Workflow__SecondFollowUpAfter: '7.00:00:00'
    Workflow__ThirdFollowUpAfter: '30.00:00:00'
    Workflow__FollowUpReplyWindow: '2.00:00:00'
    Workflow__QuietHoursStart: '21:00:00'
    Workflow__QuietHoursEnd: '08:00:00'
    Workflow__SummaryLinkValidFor: '14.00:00:00'
    // Red-flag escalation (docs/clinical.md, "Escalation"): clocks before the backup contact is alerted; same-day counts business hours in the venue's time zone.
    Escalation__ImmediateAcknowledgeWithin: '00:15:00'
    Escalation__SameDayAcknowledgeWithin: '04:00:00'
    Escalation__MaxEscalations: '4'
    Escalation__BusinessDayStart: '09:00'
    Escalation__BusinessDayEnd: '17:00'
    Escalation__BusinessDays: 'Monday,Tuesday,Wednesday,Thursday,Friday'
    Escalation__OfficeLinkValidFor: '30.00:00:00'
    Messaging__EmailProvider: emailProvider
    Messaging__SmsProvider: smsProvider
    Messaging__MaxRetryAttempts: string(messagingMaxRetryAttempts)
    Messaging__RetryBaseDelay: messagingRetryBaseDelay
    Messaging__RetryMaxDelay: messagingRetryMaxDelay
    Messaging__AttemptTimeout: messagingAttemptTimeout
    Messaging__TotalTimeout: messagingTotalTimeout
    Twilio__FromNumber: twilioFromNumber
    Twilio__MessagingServiceSid: twilioMessagingServiceSid
    Twilio__BaseUrl: twilioBaseUrl
    SendGrid__BaseUrl: sendGridBaseUrl
    SendGrid__EmailActivityApi: string(sendGridEmailActivityApi)
    SendGrid__EmailActivityIndexingDelay: sendGridEmailActivityIndexingDelay
    // Webhooks: Twilio signs the public URL it calls (empty = Links__PublicBaseUrl); SendGrid events older than the tolerance are refused.
    Twilio__WebhookBaseUrl: ''
    Twilio__StatusCallbackPath: '/api/sms/status'
    SendGrid__WebhookTolerance: '00:10:00'
    Scheduling__LeadTime: schedulingLeadTime
    Scheduling__Horizon: schedulingHorizon
    Scheduling__SlotsOffered: string(schedulingSlotsOffered)
    // Stored answers whose event did not reach the orchestration are raised by the SweepPendingEvents timer.
    PendingEvents__SettleAfter: '00:00:30'
    PendingEvents__AbandonAfter: '01:00:00'
    PendingEvents__MaxAttempts: '60'
    // Messages whose send was interrupted are checked with the vendor by the ReconcileOutbox timer (docs/messaging.md).
    Outbox__ReconcileAfter: '00:15:00'
    Outbox__MaxReconciliations: '3'
    // Data lifecycle (docs/privacy.md): purge of finished orchestrations, retention of closed referrals.
    Privacy__PurgeHistoryAfterDays: string(privacyPurgeHistoryAfterDays)
    Privacy__RetentionYears: string(privacyRetentionYears)
    Privacy__AuditArchiveContainer: auditArchiveContainerName
    // Practice keys and venues read once per host per period (docs/performance.md); a revoked key is refused at the latest this long after on other hosts.
    Caching__PracticeKeysFor: cachingPracticeKeysFor
    Caching__VenuesFor: cachingVenuesFor
    Caching__ReferralsFor: cachingReferralsFor
    // The orphan sweep starts the orchestration of a referral row whose request stopped before starting it (docs/reliability.md).
    OrphanReferrals__SettleAfter: orphanReferralsSettleAfter
    OrphanReferrals__LookBack: orphanReferralsLookBack
    // Retries of the app's own table and blob requests (the Durable extension has its own); back-off as the Azure SDK's (docs/reliability.md).
    StorageRetry__MaxRetries: string(storageRetryMaxRetries)
    StorageRetry__Delay: '00:00:00.8000000'
    StorageRetry__MaxDelay: '00:01:00'
    StorageRetry__NetworkTimeout: storageRetryNetworkTimeout
    // Coordinators sign in through App Service authentication; the principal header is trusted only when it runs (authSettings below).
    Auth__TrustAppServicePrincipal: string(coordinatorSignIn)
    // The signer IP recorded for releases and consents: X-Forwarded-For is believed from these hops only.
    Proxy__TrustedProxies: trustedProxies

    // Secrets: Key Vault references (app/secrets.bicep, docs/deploy.md). A reference that does not resolve (missing secret,
    // no access) reaches the app as the literal @Microsoft.KeyVault(...) text, which the app treats as missing.
    Twilio__AccountSid: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/twilio-account-sid/)'
    Twilio__AuthToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/twilio-auth-token/)'
    SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/sendgrid-api-key/)'
    SendGrid__WebhookPublicKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/sendgrid-webhook-public-key/)'
    Links__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/links-signing-key/)'
    // The key before the last rotation: links it signed keep working until they expire (optional; docs/deploy.md).
    Links__PreviousSigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/links-signing-key-previous/)'
  }
}

// App Service authentication (Entra ID) for coordinators, on whenever the app trusts the principal header. Requests without
// a sign-in still reach the app, because client links, the practice API (X-Api-Key) and the vendor webhooks are
// anonymous by design; the app itself answers 401 on every coordinator route. App Service strips any
// x-ms-client-principal a caller sends, and refuses signed-in users outside allowedPrincipals with 403.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = if (coordinatorSignIn) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: coordinatorAuthClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${coordinatorAuthClientId}'
          ]
          defaultAuthorizationPolicy: {
            allowedPrincipals: {
              identities: coordinatorObjectIds
            }
          }
        }
      }
    }
    login: {
      // No provider tokens are kept: the app needs only the validated principal, never a token to call Graph with.
      tokenStore: {
        enabled: false
      }
    }
  }
}

@description('Name of the function app.')
output name string = functionApp.name

@description('Default host name of the function app.')
output defaultHostName string = functionApp.properties.defaultHostName
