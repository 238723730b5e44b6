metadata description = 'An App Service plan on the Flex Consumption SKU (FC1, Linux).'

@description('Name of the plan.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the plan.')
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

@description('Resource ID of the plan.')
output resourceId string = plan.id
