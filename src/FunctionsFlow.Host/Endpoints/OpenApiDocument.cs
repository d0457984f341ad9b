using Microsoft.AspNetCore.OpenApi;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI document of every route, generated from the route groups.</summary>
/// <remarks>Like every route but the resume webhook and liveness, it needs a caller.</remarks>
internal static class OpenApiDocument
{
    public const string DocumentName = "v1";

    /// <summary>The route under <c>/api</c>.</summary>
    public const string Route = "/openapi.json";

    public static void Configure(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FunctionsFlow";
            document.Info.Version = DocumentName;
            document.Info.Description = "A durable workflow engine in the shape of Azure Durable Functions: workflows, executions, " +
                "the resume webhook, variables, sessions and administration. Callers: see the README (Development header, " +
                "App Service principal or API keys).";
            return Task.CompletedTask;
        });
}
