metadata description = 'A virtual network with one subnet delegated to Flex Consumption (Microsoft.App/environments) for VNet integration and one for private endpoints.'

@description('Name of the virtual network.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the network.')
param tags object = {}

@description('Address space of the network.')
param addressPrefix string = '10.0.0.0/16'

@description('Address range of the subnet the function app integrates with (delegated to Microsoft.App/environments).')
param appSubnetPrefix string = '10.0.1.0/24'

@description('Address range of the subnet holding the private endpoints.')
param privateEndpointSubnetPrefix string = '10.0.2.0/24'

var appSubnetName = 'app'
var privateEndpointSubnetName = 'private-endpoints'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
        }
      }
      {
        name: privateEndpointSubnetName
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
        }
      }
    ]
  }
}

@description('Resource ID of the virtual network.')
output resourceId string = vnet.id

@description('Resource ID of the subnet for the function app\'s VNet integration.')
output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, appSubnetName)

@description('Resource ID of the subnet for private endpoints.')
output privateEndpointSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, privateEndpointSubnetName)
