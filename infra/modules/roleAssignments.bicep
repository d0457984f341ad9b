// What the Function App's system-assigned identity may do, and (optionally) who may upload packages.
// Names are deterministic (guid of scope, principal and role), so redeploying changes nothing.

@description('Principal (object) id of the Function App\'s system-assigned identity.')
param appPrincipalId string

@description('Name of the storage account of AzureWebJobsStorage and the task hub.')
param storageAccountName string

@description('Name of the container that holds the published packages.')
param packageContainerName string

@description('Name of the Key Vault for connection secrets.')
param keyVaultName string

@description('Object id of the user or service principal that uploads packages; empty for none.')
param deployerPrincipalId string = ''

// Built-in role definitions: the same ids in every tenant.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7' // Key Vault Secrets Officer

// Azure Functions documents Storage Blob Data Owner as the minimum for an identity-based AzureWebJobsStorage
// (plus Table Data Contributor for its diagnostic events); it also covers fetching the package the app runs
// from. The task hub itself uses blobs, queues and tables.
var appStorageRoles = [
  storageBlobDataOwner
  storageQueueDataContributor
  storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: packageContainerName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appStorageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in appStorageRoles: {
  name: guid(storage.id, appPrincipalId, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// Connections store and rotate their secrets in the vault: read, write, disable, delete and recover secrets, nothing else.
resource appVaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// With shared keys disabled, uploading a package needs a data role: only on the package container.
resource deployerPackageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(packages.id, deployerPrincipalId, storageBlobDataContributor)
  scope: packages
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: deployerPrincipalId
  }
}
