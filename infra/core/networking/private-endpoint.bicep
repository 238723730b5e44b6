metadata description = 'A private endpoint for one sub-resource (group) of a service, with its private DNS zone, the zone\'s link to the virtual network and the endpoint\'s DNS zone group.'

@description('Name of the private endpoint.')
param name string

@description('Azure region of the endpoint.')
param location string

@description('Tags applied to every resource.')
param tags object = {}

@description('Name of the virtual network (in this resource group) the DNS zone is linked to.')
param virtualNetworkName string

@description('Name of the subnet of that network the endpoint\'s network interface is placed in.')
param subnetName string

@description('Resource ID of the service the endpoint connects to (storage account, key vault).')
param privateLinkServiceId string

@description('Sub-resource (group ID) of the service: blob, queue, table, vault, ...')
param groupId string

@description('Private DNS zone for that group, e.g. privatelink.blob.core.windows.net.')
param privateDnsZoneName string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: virtualNetworkName

  resource subnet 'subnets' existing = {
    name: subnetName
  }
}

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: privateDnsZoneName
  location: 'global'
  tags: tags
}

resource dnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: dnsZone
  name: '${virtualNetworkName}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: vnet::subnet.id
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: privateLinkServiceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }

  resource zoneGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(privateDnsZoneName, '.', '-')
          properties: {
            privateDnsZoneId: dnsZone.id
          }
        }
      ]
    }
  }
}

@description('Resource ID of the private endpoint.')
output resourceId string = endpoint.id
