using System.CommandLine;
using System.Text.Json;
using FunctionsFlow.Cli.Infrastructure;
using Spectre.Console;

namespace FunctionsFlow.Cli.Commands;

/// <summary>Polls an execution until it ends or waits (for input, or suspended by an operator), showing its progress on
/// standard error: a spinner at a terminal, a line per change otherwise.</summary>
internal sealed class Watch
{
    public Option<TimeSpan> Timeout { get; } = Durations.Option("--timeout", "Give up waiting after this long (30s, 5m, 2h; default 30m)", TimeSpan.FromMinutes(30), TimeSpan.FromMilliseconds(1));

    public Option<TimeSpan> Interval { get; } = Durations.Option("--interval", "How often to look (default 1s)", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50));

    public void AddTo(Command command)
    {
        command.Options.Add(Timeout);
        command.Options.Add(Interval);
    }

    /// <summary>Whether an execution has got as far as a watch goes: ended, suspended, or waiting for input with its
    /// resume links ready.</summary>
    public static bool Settled(JsonElement status) =>
        ExecutionViews.RuntimeStatus(status) is "Completed" or "Failed" or "Terminated" or "Suspended"
        || (ExecutionViews.Waits(status).Any() && ExecutionViews.Waits(status).All(wait => wait.TryGetProperty("resumeUri", out var uri) && uri.ValueKind == JsonValueKind.String));

    /// <summary>Polls until <see cref="Settled"/>; past <c>--timeout</c> a <see cref="ExitCodes.TimedOut"/> error.</summary>
    public async Task<JsonElement> UntilSettledAsync(CliContext context, string id)
    {
        var timeout = context.Get(Timeout);
        var interval = context.Get(Interval);
        var path = ApiClient.Path("executions", id);
        var started = DateTimeOffset.UtcNow;

        async Task<JsonElement> PollAsync(Action<string> progress)
        {
            string? shown = null;
            while (true)
            {
                var status = (await context.Api.GetAsync(path, context.CancellationToken).ConfigureAwait(false)).Json;
                var summary = ExecutionViews.Summary(status);
                if (summary != shown)
                {
                    progress(summary);
                    shown = summary;
                }

                if (Settled(status))
                {
                    return status;
                }

                if (DateTimeOffset.UtcNow - started >= timeout)
                {
                    throw new CliException(ExitCodes.TimedOut, $"{id} did not end or wait within {timeout}: it is {summary}.");
                }

                await Task.Delay(interval, context.CancellationToken).ConfigureAwait(false);
            }
        }

        if (context.Console.Interactive)
        {
            return await context.Console.Err.Status().Spinner(Spinner.Known.Dots).StartAsync(
                $"{id}: waiting",
                status => PollAsync(summary => status.Status($"{Markup.Escape(id)}: {Markup.Escape(summary)} ({Views.Duration(DateTimeOffset.UtcNow - started)})"))).ConfigureAwait(false);
        }

        return await PollAsync(summary => context.Note($"{Views.Time(DateTimeOffset.UtcNow)} {id}: {summary}")).ConfigureAwait(false);
    }
}
