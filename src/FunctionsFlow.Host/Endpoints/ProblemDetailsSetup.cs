using FunctionsFlow.Host.Security;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>Every error answer is RFC 7807 problem details, including the empty 401/403/404s the framework makes.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddFunctionsFlowProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            switch (context.ProblemDetails.Status)
            {
                case StatusCodes.Status401Unauthorized:
                    context.ProblemDetails.Detail ??= AuthenticationFailure.Reason(http) ??
                        "This route needs a caller; see the FunctionsFlow:Auth:Mode setting.";
                    break;
                case StatusCodes.Status403Forbidden:
                    context.ProblemDetails.Detail ??= "This route needs the admin role.";
                    break;
                case StatusCodes.Status404NotFound:
                    context.ProblemDetails.Detail ??= $"Nothing is found at {http.Request.Method} {http.Request.Path}.";
                    break;
            }

            context.ProblemDetails.Instance ??= http.Request.Path;
        });
}
