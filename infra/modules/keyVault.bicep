// The vault for connection secrets. Access is by Azure RBAC only (no access policies); deleted secrets
// and the vault itself stay recoverable for 90 days and cannot be purged early.

@description('Azure region.')
param location string

@description('Vault name: 3-24 letters, digits and hyphens, starting with a letter, unique in Azure.')
@minLength(3)
@maxLength(24)
param name string

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

output name string = vault.name

@description('The vault URI, for example https://{name}.vault.azure.net/.')
output uri string = vault.properties.vaultUri
