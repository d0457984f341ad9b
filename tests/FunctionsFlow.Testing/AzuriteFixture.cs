using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using FunctionsFlow.Storage;
using Xunit;

namespace FunctionsFlow.Testing;

/// <summary>One Azurite for a whole test run.</summary>
/// <remarks>When the environment variable <see cref="ConnectionStringVariable"/> holds a connection string
/// (the repository's test command starts one Azurite and sets it, so every test assembly shares it), that
/// account is used. Otherwise the fixture starts Azurite itself from the repository's npm install, in memory,
/// on free ports, and stops it when the assembly's tests end. Each test takes its own names from
/// <see cref="NewName"/>, so tests never see each other's tables, queues or containers.</remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The variable through which the test command hands over a running Azurite.</summary>
    public const string ConnectionStringVariable = "FUNCTIONSFLOW_TEST_STORAGE";

    private Process? _process;
    private readonly StringBuilder _output = new();

    /// <summary>The connection string of the account under test.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The account under test.</summary>
    public StorageAccount Account { get; private set; } = null!;

    /// <summary>Creates a client factory on the shared account, optionally with options of the test's own.</summary>
    public StorageClientFactory CreateFactory(StorageClientOptions? options = null) => new(Account, options ?? FastRetryOptions());

    /// <summary>Options whose retries are quick, so failure-path tests stay fast.</summary>
    public static StorageClientOptions FastRetryOptions()
    {
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxRetries = 3;
        return options;
    }

    /// <summary>A fresh name valid for a table, a queue and a container: a lowercase letter, then letters and digits.</summary>
    public static string NewName(string prefix = "t")
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> suffix = stackalloc char[12];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return prefix.ToLowerInvariant() + suffix.ToString();
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var provided = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(provided))
        {
            ConnectionString = provided;
            Account = StorageAccount.Parse(provided);
            return;
        }

        var script = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            await RunNpmCiAsync().ConfigureAwait(false);
        }

        var ports = FreePorts(3);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var arg in new[]
        {
            script, "--inMemoryPersistence", "--disableTelemetry", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        foreach (var port in ports)
        {
            await WaitForPortAsync(port).ConfigureAwait(false);
        }

        ConnectionString = StorageAccount.EmulatorConnectionString("127.0.0.1", ports[0], ports[1], ports[2]);
        Account = StorageAccount.Parse(ConnectionString);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException("Azurite exited during start-up:\n" + _output);
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false); // polling a child process's port, not waiting for time
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {port} within 60 s:\n{_output}");
    }

    private static async Task RunNpmCiAsync()
    {
        var start = new ProcessStartInfo("npm", "ci --ignore-scripts --no-audit --no-fund")
        {
            WorkingDirectory = RepositoryPaths.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        var stderr = npm.StandardError.ReadToEndAsync();
        _ = await npm.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await npm.WaitForExitAsync().ConfigureAwait(false);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException("npm ci failed: " + await stderr.ConfigureAwait(false));
        }
    }
}
