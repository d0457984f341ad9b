using System.Globalization;
using Azure.Core;

namespace FunctionsFlow.Storage;

/// <summary>Where a storage account is and how to authenticate to it.</summary>
/// <remarks>Built from a connection string (Shared Key, including <c>UseDevelopmentStorage=true</c>) or from
/// service URIs with a <see cref="TokenCredential"/> (Microsoft Entra ID). Never print an instance: it may
/// hold the account key.</remarks>
public sealed class StorageAccount
{
    /// <summary>The well-known name of the storage emulator's account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageAccount(string name, Uri blob, Uri queue, Uri table, byte[]? key, TokenCredential? credential)
    {
        Name = name;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
        Key = key;
        Credential = credential;
    }

    /// <summary>The account name.</summary>
    public string Name { get; }

    /// <summary>The Blob service endpoint, without a trailing slash.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The Queue service endpoint, without a trailing slash.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The Table service endpoint, without a trailing slash.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>The decoded account key for Shared Key signing, when the account uses one.</summary>
    internal byte[]? Key { get; }

    /// <summary>The Entra ID credential, when the account is reached by identity.</summary>
    internal TokenCredential? Credential { get; }

    /// <summary>True when requests are signed with the account key.</summary>
    public bool UsesSharedKey => Key is not null;

    /// <summary>The endpoint of one service.</summary>
    public Uri GetEndpoint(StorageServiceKind service) => service switch
    {
        StorageServiceKind.Blob => BlobEndpoint,
        StorageServiceKind.Queue => QueueEndpoint,
        StorageServiceKind.Table => TableEndpoint,
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>Parses an Azure Storage connection string.</summary>
    /// <exception cref="FormatException">The string is malformed or lacks the account name or key.</exception>
    public static StorageAccount Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = ParseSettings(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev) &&
            string.Equals(dev, "true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var p) ? new Uri(p) : new Uri("http://127.0.0.1");
            return ForEmulator(proxy.Host, 10000, 10001, 10002);
        }

        if (!settings.TryGetValue("AccountName", out var name) || name.Length == 0)
        {
            throw new FormatException("The storage connection string has no AccountName.");
        }

        if (!settings.TryGetValue("AccountKey", out var key) || key.Length == 0)
        {
            throw new FormatException(
                "The storage connection string has no AccountKey. Use an account URI with a credential for Entra ID.");
        }

        byte[] keyBytes;
        try
        {
            keyBytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new FormatException("The storage connection string's AccountKey is not valid base64.");
        }

        var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto : "https";
        var suffix = settings.TryGetValue("EndpointSuffix", out var sfx) ? sfx : "core.windows.net";
        Uri Endpoint(string setting, string service) => settings.TryGetValue(setting, out var explicitUri)
            ? new Uri(explicitUri.TrimEnd('/'))
            : new Uri(string.Create(CultureInfo.InvariantCulture, $"{protocol}://{name}.{service}.{suffix}"));

        return new StorageAccount(
            name,
            Endpoint("BlobEndpoint", "blob"),
            Endpoint("QueueEndpoint", "queue"),
            Endpoint("TableEndpoint", "table"),
            keyBytes,
            credential: null);
    }

    /// <summary>The storage emulator (Azurite) at a host and ports, with its well-known account.</summary>
    public static StorageAccount ForEmulator(string host, int blobPort, int queuePort, int tablePort)
    {
        Uri Endpoint(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/{DevelopmentAccountName}"));
        return new StorageAccount(
            DevelopmentAccountName,
            Endpoint(blobPort),
            Endpoint(queuePort),
            Endpoint(tablePort),
            Convert.FromBase64String(DevelopmentAccountKey),
            credential: null);
    }

    /// <summary>The connection string of the emulator at a host and ports (what tests hand to the host).</summary>
    public static string EmulatorConnectionString(string host, int blobPort, int queuePort, int tablePort) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
            $"BlobEndpoint=http://{host}:{blobPort}/{DevelopmentAccountName};" +
            $"QueueEndpoint=http://{host}:{queuePort}/{DevelopmentAccountName};" +
            $"TableEndpoint=http://{host}:{tablePort}/{DevelopmentAccountName};");

    /// <summary>An account reached with Microsoft Entra ID, from its name (public cloud endpoints).</summary>
    public static StorageAccount FromAccountName(string accountName, TokenCredential credential, string endpointSuffix = "core.windows.net")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        Uri Endpoint(string service) => new(string.Create(CultureInfo.InvariantCulture, $"https://{accountName}.{service}.{endpointSuffix}"));
        return FromUris(Endpoint("blob"), Endpoint("queue"), Endpoint("table"), credential);
    }

    /// <summary>An account reached with Microsoft Entra ID, from its three service URIs.</summary>
    public static StorageAccount FromUris(Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        var name = blobEndpoint.Host.Split('.')[0];
        return new StorageAccount(name, Trim(blobEndpoint), Trim(queueEndpoint), Trim(tableEndpoint), key: null, credential);
    }

    /// <summary>An account reached with Microsoft Entra ID from any one service URI
    /// (<c>https://name.blob.core.windows.net</c>); the other two are derived from it.</summary>
    public static StorageAccount FromServiceUri(Uri serviceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        var parts = serviceUri.Host.Split('.', 3);
        if (parts.Length < 3 || parts[1] is not ("blob" or "queue" or "table"))
        {
            throw new FormatException("An account URI must look like https://{account}.{blob|queue|table}.{suffix}.");
        }

        return FromAccountName(parts[0], credential, parts[2]);
    }

    private static Uri Trim(Uri uri) => new(uri.AbsoluteUri.TrimEnd('/'));

    private static Dictionary<string, string> ParseSettings(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException("The storage connection string has a setting without a name or '='.");
            }

            settings[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        return settings;
    }
}
