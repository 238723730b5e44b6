metadata description = 'The app\'s secrets in Key Vault. A secret is written only when its parameter is non-empty, so a later `azd provision` without values never overwrites secrets set with `az keyvault secret set` (docs/deploy.md).'

@description('Name of the Key Vault.')
param keyVaultName string

@secure()
@description('Twilio account SID (Twilio__AccountSid). Empty: leave the secret as it is.')
param twilioAccountSid string = ''

@secure()
@description('Twilio auth token, also used to validate inbound webhook signatures (Twilio__AuthToken). Empty: leave the secret as it is.')
param twilioAuthToken string = ''

@secure()
@description('SendGrid API key (SendGrid__ApiKey). Empty: leave the secret as it is.')
param sendGridApiKey string = ''

@secure()
@description('SendGrid signed event webhook verification key (SendGrid__WebhookPublicKey). Empty: leave the secret as it is.')
param sendGridWebhookPublicKey string = ''

@secure()
@description('Key that signs the links sent to clients and oncologists (Links__SigningKey). Empty: leave the secret as it is.')
param linkSigningKey string = ''

@secure()
@description('The link-signing key before the last rotation (Links__PreviousSigningKey): links it signed keep working until they expire. Empty: leave the secret as it is.')
param previousLinkSigningKey string = ''

// Key Vault secret names allow letters, digits and dashes only; app/api.bicep maps them to setting names.
var secrets = [
  { name: 'twilio-account-sid', value: twilioAccountSid }
  { name: 'twilio-auth-token', value: twilioAuthToken }
  { name: 'sendgrid-api-key', value: sendGridApiKey }
  { name: 'sendgrid-webhook-public-key', value: sendGridWebhookPublicKey }
  { name: 'links-signing-key', value: linkSigningKey }
  { name: 'links-signing-key-previous', value: previousLinkSigningKey }
]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secretResources 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in secrets: if (!empty(secret.value)) {
    parent: vault
    name: secret.name
    properties: {
      value: secret.value
      contentType: 'text/plain'
    }
  }
]
