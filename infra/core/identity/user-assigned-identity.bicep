metadata description = 'A user-assigned managed identity.'

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource ID of the identity.')
output resourceId string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client (application) ID, used by SDKs to pick this identity (e.g. AzureWebJobsStorage__clientId).')
output clientId string = identity.properties.clientId

@description('Object ID of the service principal, used in role assignments.')
output principalId string = identity.properties.principalId
