metadata description = 'A Key Vault in RBAC mode (no access policies) with soft delete and purge protection; public network access can be turned off for private endpoints.'

@description('Name of the vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object = {}

@description('Days a deleted vault or secret stays recoverable (7-90). Purge protection keeps it for the whole period.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('When false, the vault is reachable only through private endpoints (and trusted Azure services).')
param publicNetworkAccess bool = true

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
    }
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Resource ID of the vault.')
output resourceId string = vault.id

@description('Vault URI, e.g. https://<name>.vault.azure.net/.')
output uri string = vault.properties.vaultUri
