using Microsoft.Extensions.FileProviders;

namespace FunctionsFlow.Host.Dashboard;

/// <summary>The web dashboard at <c>/</c>: static files embedded in the assembly (<c>wwwroot/</c>), one page that
/// routes in the browser and calls <c>/api</c> like any other client, as the signed-in caller.</summary>
/// <remarks>The files need no caller (they hold no data); every <c>/api</c> call they make does. Pages the browser
/// routes (<c>/executions/{id}</c>...) are answered with <c>index.html</c>; <c>/api</c> and <c>/assets</c> never are, so
/// an unknown route there keeps its 404 (or 405) problem details.</remarks>
internal static class DashboardSetup
{
    /// <summary>Where the page's scripts, styles and images live.</summary>
    public const string AssetsPath = "/assets";

    // The root, and any other path outside /api and /assets: a page of the dashboard. The regex constraint ignores
    // case; it never matches an empty catch-all, hence the root on its own.
    private static readonly string[] PageRoutes = ["/", "{**page:regex(^(?!(api|assets)(/|$)))}"];

    // The page loads only its own files and talks only to its own origin.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Serves the assets before authentication (they are public) and maps the pages.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        var files = new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(DashboardSetup).Assembly, typeof(DashboardSetup).Assembly.GetName().Name + ".wwwroot"),
            OnPrepareResponse = context => AddHeaders(context.Context.Response),
        };

        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(AssetsPath, StringComparison.OrdinalIgnoreCase),
            assets => assets.UseStaticFiles(files));
        foreach (var route in PageRoutes)
        {
            app.MapFallbackToFile(route, "index.html", files)
                .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return app;
    }

    private static void AddHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";

        // Revalidate every time (the ETag makes that cheap), so a new deployment is seen at once.
        headers.CacheControl = "no-cache";
    }
}
