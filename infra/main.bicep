// FunctionsFlow on Azure Functions as a custom handler: a storage account for the Functions host and the
// task hub, a Key Vault for connection secrets, Log Analytics + Application Insights, and a Linux Function App
// whose system-assigned identity reaches storage and the vault through Azure RBAC (no keys anywhere).
// How to deploy and publish: infra/README.md.

targetScope = 'resourceGroup'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Start of every resource name: 2-9 lowercase letters or digits, starting with a letter.')
@minLength(2)
@maxLength(9)
param namePrefix string = 'ffw'

@description('FunctionsFlow__TaskHub: prefixes every table, queue and container (3-45 letters and digits, starting with a letter).')
@minLength(3)
@maxLength(45)
param taskHub string = 'FunctionsFlow'

// Development is left out on purpose: its header is honoured only in the Development environment, so in
// Azure every request would answer 401. ApiKey needs no identity provider: keys are made with
// POST /api/admin/apikeys, the first one with the host's `apikeys create` command (infra/README.md).
@description('FunctionsFlow__Auth__Mode: AppService reads the caller from App Service authentication (X-MS-CLIENT-PRINCIPAL); ApiKey from Authorization: Bearer <key>.')
@allowed([
  'AppService'
  'ApiKey'
])
param authMode string = 'AppService'

@description('FunctionsFlow__Encryption__Key: base64 of 32 random bytes (openssl rand -base64 32). Stored in Key Vault; the app reads it through a Key Vault reference.')
@secure()
param stateEncryptionKey string

@description('FunctionsFlow__Encryption__KeyId: the id written with everything that key encrypts; change it with the key when rotating.')
param stateEncryptionKeyId string = 'k1'

@description('Blob URL (no SAS) of the published package the app runs from; empty until the first publish (see infra/README.md).')
param packageUri string = ''

@description('Object id of the user or service principal allowed to upload packages to the package container; empty for none.')
param deployerPrincipalId string = ''

var suffix = uniqueString(resourceGroup().id, namePrefix)
var packageContainerName = 'function-packages'
var names = {
  storage: take(toLower('${namePrefix}st${suffix}'), 24)
  keyVault: take('${namePrefix}-kv-${suffix}', 24)
  workspace: '${namePrefix}-log-${suffix}'
  appInsights: '${namePrefix}-appi-${suffix}'
  plan: '${namePrefix}-plan-${suffix}'
  functionApp: '${namePrefix}-func-${suffix}'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    packageContainerName: packageContainerName
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    name: names.keyVault
    stateEncryptionKey: stateEncryptionKey
  }
}

// Linux Consumption (Y1): pay per execution, scale to zero, and App Service authentication (the AppService
// auth mode) works. Elastic Premium keeps an app's content on an Azure Files share by default, reachable only
// with an account key while shared keys are disabled here; without that share it too must run from a package
// URL, as Y1 does, at a fixed monthly price. Flex Consumption replaces the FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION app settings with its own runtime configuration and deployment storage; it is
// the way off Y1 (Linux Consumption retires in September 2028) once the custom handler's publish layout exists.
resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'functionapp'
  sku: {
    name: 'Y1'
    tier: 'Dynamic'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
  name: names.functionApp
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    siteConfig: {
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      // Every app setting of the app: tests/FunctionsFlow.Host.Tests/DeploymentSettingsTests.cs checks these
      // names against the settings the host reads (src/FunctionsFlow.Host/Configuration/HostSettings.cs).
      appSettings: concat([
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'custom'
        }
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.outputs.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'FunctionsFlow__TaskHub'
          value: taskHub
        }
        {
          name: 'FunctionsFlow__Auth__Mode'
          value: authMode
        }
        {
          name: 'FunctionsFlow__KeyVault__Uri'
          value: keyVault.outputs.uri
        }
        {
          name: 'FunctionsFlow__Encryption__Key'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.stateEncryptionKeyUri})'
        }
        {
          name: 'FunctionsFlow__Encryption__KeyId'
          value: stateEncryptionKeyId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: monitoring.outputs.connectionString
        }
        {
          // The platform's home page would answer / before the dashboard's function (src/FunctionsFlow.Host/FunctionApp.targets).
          name: 'AzureWebJobsDisableHomepage'
          value: 'true'
        }
      ], empty(packageUri) ? [] : [
        // On Linux Consumption WEBSITE_RUN_FROM_PACKAGE must be a URL ('1' is not supported there). Without a
        // SAS the platform fetches the blob with the app's system-assigned identity (Blob Data Owner covers it).
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: packageUri
        }
      ])
    }
  }
}

module access 'modules/roleAssignments.bicep' = {
  name: 'access'
  params: {
    appPrincipalId: functionApp.identity.principalId
    storageAccountName: storage.outputs.name
    packageContainerName: packageContainerName
    keyVaultName: keyVault.outputs.name
    deployerPrincipalId: deployerPrincipalId
  }
}

output functionAppName string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output keyVaultUri string = keyVault.outputs.uri
output keyVaultName string = keyVault.outputs.name
output storageAccountName string = storage.outputs.name
output packageContainerName string = packageContainerName
