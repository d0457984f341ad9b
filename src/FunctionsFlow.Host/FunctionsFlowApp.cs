using System.Globalization;
using FunctionsFlow.Durable.Hosting;
using FunctionsFlow.Host.Configuration;
using FunctionsFlow.Host.CustomHandler;
using FunctionsFlow.Host.Dashboard;
using FunctionsFlow.Host.Endpoints;
using FunctionsFlow.Host.Operations;
using FunctionsFlow.Host.Samples;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Host.Telemetry;
using FunctionsFlow.Storage;
using FunctionsFlow.Workflows;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host;

/// <summary>Composes the host: configuration, storage, callers, and the <c>/api</c> routes.</summary>
internal static partial class FunctionsFlowApp
{
    public const string DefaultUrl = "http://localhost:7071";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        Configure(builder);
        var app = builder.Build();
        MapRoutes(app);
        return app;
    }

    public static void Configure(WebApplicationBuilder builder)
    {
        // local.settings.json sits below environment variables and the command line, as in Azure Functions.
        builder.Configuration.AddLocalSettings(Path.Combine(builder.Environment.ContentRootPath, "local.settings.json"));

        ConfigureUrls(builder);

        // One line per request is noise for a workflow engine; Logging:LogLevel:Microsoft.AspNetCore brings it back.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.Services.AddOptions<FunctionsFlowOptions>()
            .Bind(builder.Configuration.GetSection(FunctionsFlowOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var mode = builder.Configuration.GetValue(HostSettings.AuthMode, AuthMode.Development);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => StorageConfiguration.CreateAccount(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => new StorageClientFactory(
            sp.GetRequiredService<StorageAccount>(),
            new StorageClientOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() }));

        var customHandler = FunctionsHosting.IsCustomHandler(builder.Configuration);
        builder.Services.AddDurableBackend();
        builder.Services.AddWorkflows();
        builder.Services.AddHostStores();
        builder.Services.AddWorkflowConnections();
        builder.Services.AddSingleton<TelemetryExport>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelemetryExport>());
        builder.Services.AddOperations(customHandler);
        builder.Services.AddDurableTask(
            registry => registry.AddWorkflowInterpreter().AddSchedules().AddSamples(),
            options =>
            {
                if (customHandler)
                {
                    // A queue trigger receives a message before it hands it to the worker (CustomHandler/QueueTriggerRelease.cs),
                    // so a delivery can count two dequeues.
                    options.MaxDequeueCount *= 2;
                }
            });
        if (!customHandler)
        {
            // Under Azure Functions the timer functions run the upkeep (CustomHandler/CustomHandlerEndpoints.cs).
            builder.Services.AddHostedService<SuspensionCleanupService>();
        }

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddFunctionsFlowProblemDetails();
        builder.Services.AddOpenApi(OpenApiDocument.DocumentName, OpenApiDocument.Configure);
        builder.Services.AddFunctionsFlowAuthentication(mode);
    }

    public static void MapRoutes(WebApplication app)
    {
        app.UseRequestSpanNames();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboard();
        app.UseAuthentication();
        app.UseAuthorization();

        var api = app.MapGroup("/api");
        api.MapHealthEndpoints();
        api.MapEmergencyEndpoints();
        api.MapMeEndpoints();
        api.MapApiKeyEndpoints();
        api.MapOrchestratorEndpoints();
        api.MapExecutionEndpoints();
        api.MapResumeEndpoints();
        api.MapWorkflowEndpoints();
        api.MapTemplateEndpoints();
        api.MapVariableEndpoints();
        api.MapSessionEndpoints();
        api.MapScheduleEndpoints();
        api.MapConnectionEndpoints();
        api.MapOpenApi(OpenApiDocument.Route).ExcludeFromDescription();
        if (FunctionsHosting.IsCustomHandler(app.Configuration))
        {
            app.MapCustomHandlerEndpoints();
        }

        app.Lifetime.ApplicationStarted.Register(() => LogListening(app));
    }

    private static void ConfigureUrls(WebApplicationBuilder builder)
    {
        // Under the Azure Functions host (custom handler) the port is given; otherwise ASP.NET Core's own
        // settings (ASPNETCORE_URLS, --urls) win, and the Functions default port is the fallback.
        if (FunctionsHosting.TryGetCustomHandlerPort(builder.Configuration, out var port))
        {
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    private static void LogListening(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<IOptions<FunctionsFlowOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FunctionsFlow.Host");
        var account = app.Services.GetRequiredService<StorageAccount>();
        foreach (var address in addresses)
        {
            Log.Listening(logger, address, options.TaskHub, account.Name, account.UsesSharedKey ? "shared key" : "Microsoft Entra ID");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5000, Level = LogLevel.Information,
            Message = "FunctionsFlow is listening on {Address} (task hub {TaskHub}, storage account {Account} via {Auth})")]
        public static partial void Listening(ILogger logger, string address, string taskHub, string account, string auth);
    }
}
