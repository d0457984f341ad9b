namespace FunctionsFlow.Host.Configuration;

/// <summary>Every setting of the host and where each must be given: the contract that
/// <c>local.settings.sample.json</c> and the app settings of <c>infra/main.bicep</c> are tested against.</summary>
/// <remarks>Names are configuration keys (<c>:</c> separates sections); as environment variables and app
/// settings they are written with <c>__</c>. ASP.NET Core's own settings (<c>ASPNETCORE_URLS</c>/<c>--urls</c>,
/// <c>ASPNETCORE_ENVIRONMENT</c>) are the framework's and are not listed.</remarks>
internal static class HostSettings
{
    /// <summary>The host storage connection: a connection string, or the section of its identity-based form.</summary>
    public const string Storage = "AzureWebJobsStorage";

    public const string StorageAccountName = Storage + ":accountName";

    public const string StorageBlobServiceUri = Storage + ":blobServiceUri";

    public const string StorageQueueServiceUri = Storage + ":queueServiceUri";

    public const string StorageTableServiceUri = Storage + ":tableServiceUri";

    public const string StorageClientId = Storage + ":clientId";

    public const string TaskHub = FunctionsFlowOptions.SectionName + ":" + nameof(FunctionsFlowOptions.TaskHub);

    public const string AuthMode = FunctionsFlowOptions.SectionName + ":" + nameof(FunctionsFlowOptions.Auth) + ":" + nameof(AuthOptions.Mode);

    public const string KeyVaultUri = FunctionsFlowOptions.SectionName + ":KeyVault:Uri";

    public const string CustomHandlerPort = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public const string ScheduleCatchUpWindow = FunctionsFlowOptions.SectionName + ":Schedules:CatchUpWindow";

    public const string ScheduleMaxCatchUpRuns = FunctionsFlowOptions.SectionName + ":Schedules:MaxCatchUpRuns";

    public const string SuspensionSecret = FunctionsFlowOptions.SectionName + ":Suspension:Secret";

    public const string HeartbeatInterval = FunctionsFlowOptions.SectionName + ":Heartbeat:Interval";

    public const string HeartbeatOverdueAction = FunctionsFlowOptions.SectionName + ":Heartbeat:OverdueAction";

    public const string Retention = FunctionsFlowOptions.SectionName + ":Retention";

    public const string RetentionCompleted = Retention + ":Completed";

    public const string RetentionFailed = Retention + ":Failed";

    public const string RetentionTerminated = Retention + ":Terminated";

    public const string RetentionMaxPurgePerRound = Retention + ":MaxPurgePerRound";

    public const string HealthHeartbeatStaleAfter = FunctionsFlowOptions.SectionName + ":Health:HeartbeatStaleAfter";

    public const string HealthFailureRate = FunctionsFlowOptions.SectionName + ":Health:FailureRate";

    public const string HealthFailureRateMinRuns = FunctionsFlowOptions.SectionName + ":Health:FailureRateMinRuns";

    public const string HealthPoisonMessages = FunctionsFlowOptions.SectionName + ":Health:PoisonMessages";

    public const string TelemetryExporter = FunctionsFlowOptions.SectionName + ":Telemetry:Exporter";

    public const string TelemetrySamplingRatio = FunctionsFlowOptions.SectionName + ":Telemetry:SamplingRatio";

    public const string TelemetryMetricsInterval = FunctionsFlowOptions.SectionName + ":Telemetry:MetricsInterval";

    public const string EncryptionKey = FunctionsFlowOptions.SectionName + ":Encryption:Key";

    public const string EncryptionKeyId = FunctionsFlowOptions.SectionName + ":Encryption:KeyId";

    public const string EncryptionPreviousKeys = FunctionsFlowOptions.SectionName + ":Encryption:PreviousKeys";

    /// <summary>The settings, each with its use when run locally and in Azure.</summary>
    /// <remarks>Locally storage is a connection string (Azurite); in Azure it is the identity-based form,
    /// because the deployed storage account refuses shared keys.</remarks>
    public static IReadOnlyList<HostSetting> All { get; } =
    [
        new(Storage, SettingUse.Required, SettingUse.NotUsed,
            "Storage connection string (UseDevelopmentStorage=true for Azurite), or a service URI to use Microsoft Entra ID."),
        new(StorageAccountName, SettingUse.NotUsed, SettingUse.Required,
            "Storage account reached with the managed identity (identity-based connection)."),
        new(StorageBlobServiceUri, SettingUse.NotUsed, SettingUse.Optional,
            "Blob endpoint, with the queue and table ones, instead of the account name (other clouds, custom domains)."),
        new(StorageQueueServiceUri, SettingUse.NotUsed, SettingUse.Optional,
            "Queue endpoint of the identity-based connection with explicit service URIs."),
        new(StorageTableServiceUri, SettingUse.NotUsed, SettingUse.Optional,
            "Table endpoint of the identity-based connection with explicit service URIs."),
        new(StorageClientId, SettingUse.NotUsed, SettingUse.Optional,
            "Client id of a user-assigned managed identity; the system-assigned one is used without it."),
        new(TaskHub, SettingUse.Optional, SettingUse.Required,
            "Prefix of every table, queue and container (default FunctionsFlow); pinned in Azure so stored state never depends on a default."),
        new(AuthMode, SettingUse.Optional, SettingUse.Required,
            "Development (header, Development environment only; the default), AppService (X-MS-CLIENT-PRINCIPAL) or ApiKey (Authorization: Bearer <key>)."),
        new(KeyVaultUri, SettingUse.Optional, SettingUse.Required,
            "The vault that keeps connections' secrets (https://{vault}.vault.azure.net/), reached with DefaultAzureCredential (the managed identity; AzureWebJobsStorage__clientId picks a user-assigned one). Empty locally: the local encrypted store."),
        new(SuspensionSecret, SettingUse.Optional, SettingUse.Optional,
            "Base64 of at least 32 random bytes: the secret resume keys are derived from (a Key Vault reference in Azure). Without it the host keeps one in the task hub's storage."),
        new(EncryptionKey, SettingUse.Optional, SettingUse.Required,
            "Base64 of 32 random bytes: the AES-256-GCM key of checkpoints, history and every stored payload (a Key Vault reference in Azure). Empty locally: compressed and checksummed, not encrypted."),
        new(EncryptionKeyId, SettingUse.Optional, SettingUse.Required,
            "Id of that key (default k1), written with every envelope; give a new key a new id when rotating."),
        new(EncryptionPreviousKeys, SettingUse.Optional, SettingUse.Optional,
            "Keys rotated out that still decrypt what they wrote: id=base64 pairs separated by ';'."),
        new(ScheduleCatchUpWindow, SettingUse.Optional, SettingUse.Optional,
            "ISO 8601 duration (default P1D): how far back a schedule that names no catchUpWindow catches up runs missed while the app was down."),
        new(ScheduleMaxCatchUpRuns, SettingUse.Optional, SettingUse.Optional,
            "The most missed runs a schedule with catchUp All starts at once, the most recent ones (default 10, at most 100)."),
        new(HeartbeatInterval, SettingUse.Optional, SettingUse.Optional,
            "ISO 8601 duration (default PT1M): how often the heartbeat runs self-hosted (under Azure Functions the heartbeat timer function's schedule)."),
        new(HeartbeatOverdueAction, SettingUse.Optional, SettingUse.Optional,
            "Terminate (the default) or Flag: what the heartbeat does with executions running past their workflow's timeout."),
        new(RetentionCompleted, SettingUse.Optional, SettingUse.Optional,
            "ISO 8601 duration (default P30D): how long completed executions are kept before the heartbeat purges them."),
        new(RetentionFailed, SettingUse.Optional, SettingUse.Optional,
            "ISO 8601 duration (default P90D): how long failed executions are kept."),
        new(RetentionTerminated, SettingUse.Optional, SettingUse.Optional,
            "ISO 8601 duration (default P30D): how long terminated executions are kept."),
        new(RetentionMaxPurgePerRound, SettingUse.Optional, SettingUse.Optional,
            "The most executions one heartbeat purges (default 200); the rest wait for the next."),
        new(HealthHeartbeatStaleAfter, SettingUse.Optional, SettingUse.Optional,
            "ISO 8601 duration (default PT5M): a heartbeat older than this is a critical health alert."),
        new(HealthFailureRate, SettingUse.Optional, SettingUse.Optional,
            "Share of failed among finished executions in the last 24 hours above which health warns (default 0.2)."),
        new(HealthFailureRateMinRuns, SettingUse.Optional, SettingUse.Optional,
            "How many executions must have finished in 24 hours before the failure rate is judged (default 10)."),
        new(HealthPoisonMessages, SettingUse.Optional, SettingUse.Optional,
            "Poison messages above which, when their number grew since the heartbeat before, health warns (default 0)."),
        new(TelemetryExporter, SettingUse.Optional, SettingUse.Optional,
            "None (the default: sources and meters are there for any listener) or Log: the OpenTelemetry SDK writes spans and metric points to the app's log (Application Insights under Azure Functions)."),
        new(TelemetrySamplingRatio, SettingUse.Optional, SettingUse.Optional,
            "Share of traces the Log exporter keeps, from 0 to 1 (default 1; child spans follow their parent's decision)."),
        new(TelemetryMetricsInterval, SettingUse.Optional, SettingUse.Optional,
            "ISO 8601 duration (default PT1M): how often the Log exporter writes metric points."),
        new(CustomHandlerPort, SettingUse.SetByPlatform, SettingUse.SetByPlatform,
            "Port the Azure Functions host forwards to; the host then listens on 127.0.0.1 only and answers the timer and queue invocations."),
    ];
}
