using Microsoft.Extensions.FileProviders;

namespace FunctionsFlow.Host.Dashboard;

/// <summary>The web dashboard at <c>/</c>: static files embedded in the assembly (<c>wwwroot/</c>), one page that
/// routes in the browser and calls <c>/api</c> like any other client, as the signed-in caller.</summary>
/// <remarks>The files need no caller (they hold no data); every <c>/api</c> call they make does. A GET or HEAD of the
/// root or of a page the browser routes (<c>/executions/{id}</c>...) is answered with <c>index.html</c>. The pages are
/// named sections, not a catch-all, so <c>/api</c> keeps its own 404 and 405 problem details and any other path its 404.</remarks>
internal static class DashboardSetup
{
    /// <summary>Where the page's scripts, styles and images live.</summary>
    public const string AssetsPath = "/assets";

    /// <summary>The sections of the dashboard (wwwroot/assets/app.js routes the pages below each).</summary>
    public static readonly IReadOnlyList<string> Sections = ["executions", "workflows", "templates", "schedules", "health"];

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
        foreach (var route in Sections.Select(section => $"/{section}/{{**page}}").Prepend("/"))
        {
            // GET and HEAD only.
            app.MapFallbackToFile(route, "index.html", files).AllowAnonymous().ExcludeFromDescription();
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
