// The storage account of the task hub and of the Functions host (AzureWebJobsStorage), reached only
// with Microsoft Entra ID: shared keys are disabled, so no connection string exists to leak.

@description('Azure region.')
param location string

@description('Storage account name: 3-24 lowercase letters and digits, unique in Azure.')
@minLength(3)
@maxLength(24)
param name string

@description('Private container that holds the published packages the app runs from.')
param packageContainerName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    // The portal then browses data with the signed-in user's identity too, not with keys.
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: packageContainerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = account.name
