// The vault for connection secrets. Access is by Azure RBAC only (no access policies); deleted secrets
// and the vault itself stay recoverable for 90 days and cannot be purged early.

@description('Azure region.')
param location string

@description('Vault name: 3-24 letters, digits and hyphens, starting with a letter, unique in Azure.')
@minLength(3)
@maxLength(24)
param name string

@description('Base64 of 32 random bytes: the key FunctionsFlow encrypts stored state with.')
@secure()
param stateEncryptionKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    // Ignored while RBAC authorization is on; given so the resource never carries stale policies.
    accessPolicies: []
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

// The app reads it through a Key Vault reference in its app settings, so it never sits in configuration in clear.
resource stateKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'state-encryption-key'
  properties: {
    value: stateEncryptionKey
    contentType: 'base64 AES-256 key'
  }
}

output name string = vault.name

@description('URI of the state encryption key secret (latest version), for a Key Vault reference.')
output stateEncryptionKeyUri string = stateKey.properties.secretUri

@description('The vault URI, for example https://{name}.vault.azure.net/.')
output uri string = vault.properties.vaultUri
