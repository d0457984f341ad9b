using Microsoft.Playwright;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>One headless Chromium for the whole assembly: Debian's <c>/usr/bin/chromium</c>, driven by Playwright
/// (whose driver runs on the Node.js that its package ships). Nothing is downloaded.</summary>
/// <remarks>Without Chromium every test here fails with how to install it: a browser test that cannot run is a
/// failure, never a skip. Each test opens its own context (cookies, storage), so tests do not see each other.</remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser (<c>scripts/test.sh</c> installs it).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    // No GPU, no QUIC, and none of the background traffic to Google's hosts that a closed network refuses.
    private static readonly string[] Flags =
    [
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    // A live page can take a few refreshes to show a change on a busy machine.
    private static readonly float ExpectTimeout = (float)TimeSpan.FromSeconds(30).TotalMilliseconds;

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The dashboard's browser tests need Chromium at {ChromiumPath}. ./scripts/test.sh installs Debian's chromium package " +
                "when it is missing (apt-get install chromium); run it, or install that package yourself.");
        }

        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(ExpectTimeout);

        // A fresh profile (user data directory) every launch is Playwright's way; no sandbox, as root in a container.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            ChromiumSandbox = false,
            Args = Flags,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
