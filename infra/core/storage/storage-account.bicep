metadata description = 'A StorageV2 account reachable only with Entra ID (shared keys off), with blob containers; public network access can be turned off for private endpoints.'

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags object = {}

@description('Blob containers to create.')
param containerNames string[] = []

@description('A blob container whose blobs cannot be changed or deleted for immutableContainerDays after they are written (time-based immutability policy); empty for none.')
param immutableContainerName string = ''

@description('Days each blob in the immutable container stays unchangeable.')
@minValue(1)
@maxValue(146000)
param immutableContainerDays int = 2557

@description('When false, the account is reachable only through private endpoints.')
param publicNetworkAccess bool = true

@description('Redundancy SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'

    resource containers 'containers' = [
      for containerName in containerNames: {
        name: containerName
        properties: {
          publicAccess: 'None'
        }
      }
    ]

    resource immutableContainer 'containers' = if (!empty(immutableContainerName)) {
      name: empty(immutableContainerName) ? 'unused' : immutableContainerName
      properties: {
        publicAccess: 'None'
      }

      // Time-based retention: no blob can be overwritten or deleted until it is this old. Created unlocked (it can still be
      // shortened or removed); lock it once checked (docs/privacy.md), after which it can only be extended.
      resource policy 'immutabilityPolicies' = {
        name: 'default'
        properties: {
          immutabilityPeriodSinceCreationInDays: immutableContainerDays
          allowProtectedAppendWrites: false
        }
      }
    }
  }
}

@description('Name of the storage account.')
output name string = storage.name

@description('Resource ID of the storage account.')
output resourceId string = storage.id

@description('Primary blob endpoint, e.g. https://<name>.blob.core.windows.net/.')
output primaryBlobEndpoint string = storage.properties.primaryEndpoints.blob
