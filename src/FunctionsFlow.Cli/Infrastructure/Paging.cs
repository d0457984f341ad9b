using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>The paging options of list commands (<c>--top</c>, <c>--continuation-token</c>, <c>--all</c>) and a list call
/// that follows continuation tokens when asked.</summary>
internal sealed class Paging
{
    public Option<int?> Top { get; } = new("--top") { Description = "At most this many items per page" };

    public Option<string> ContinuationToken { get; } = new("--continuation-token") { Description = "Go on from where a previous page ended" };

    public Option<bool> All { get; } = new("--all") { Description = "Follow continuation tokens and list every page" };

    public void AddTo(Command command)
    {
        command.Options.Add(Top);
        command.Options.Add(ContinuationToken);
        command.Options.Add(All);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Top) is < 1 or > 1000)
            {
                result.AddError("--top must be between 1 and 1000.");
            }
        });
    }

    /// <summary>Lists <paramref name="path"/> with the query; with <c>--all</c> every page, joined into one answer
    /// <c>{items, continuationToken: null}</c>.</summary>
    public async Task<JsonElement> ListAsync(CliContext context, string path, params (string Name, string? Value)[] query)
    {
        var top = context.Get(Top);
        var token = context.Get(ContinuationToken);
        var all = context.Get(All);
        var items = new JsonArray();
        while (true)
        {
            var page = (await context.Api.GetAsync(ApiClient.WithQuery(path, [.. query, ("top", top?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("continuationToken", token)]), context.CancellationToken).ConfigureAwait(false)).Json;
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (!all)
            {
                return page;
            }

            foreach (var item in Views.Items(page))
            {
                items.Add(JsonNode.Parse(item.GetRawText()));
            }

            if (token is null)
            {
                return JsonSerializer.SerializeToElement(new JsonObject { ["items"] = items, ["continuationToken"] = null });
            }
        }
    }

    /// <summary>After a table of one page: how to get the next.</summary>
    public static void HintNext(CliContext context, JsonElement page)
    {
        if (page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String)
        {
            context.Note($"More items: add --continuation-token {next.GetString()} (or --all).");
        }
    }
}
