using System.Collections.Concurrent;

namespace FunctionsFlow.Durable.Tests.Engine;

/// <summary>The orchestrations and activities the behavioural suite runs.</summary>
public static class TestOrchestrations
{
    /// <summary>How many times each activity body ran, per instance (at-least-once shows here, never in history).</summary>
    public static ConcurrentDictionary<string, int> ActivityRuns { get; } = new();

    /// <summary>Per-instance switches some orchestrators read (each test uses its own instance ids).</summary>
    public static ConcurrentDictionary<string, int> Flags { get; } = new();

    public static DurableTaskRegistry Register(DurableTaskRegistry registry) => registry
        .AddEntity<TestCounter>("Counter")
        .AddOrchestratorFunc<string, int>("UseCounter", async (ctx, key) =>
        {
            var counter = new Entities.EntityInstanceId("counter", key);
            await ctx.CallEntityAsync(counter, "add", 5);
            await ctx.CallEntityAsync(counter, "add", 2);
            try
            {
                await ctx.CallEntityAsync(counter, "fail");
            }
            catch (EntityOperationFailedException)
            {
                ctx.SignalEntity(counter, "add", 100);
            }

            return await ctx.CallEntityAsync<int>(counter, "get");
        })
        .AddActivityFunc<string, string>("SayHello", (ctx, city) =>
        {
            ActivityRuns.AddOrUpdate(ctx.InstanceId, 1, (_, n) => n + 1);
            return Task.FromResult($"Hello {city}!");
        })
        .AddActivityFunc<int, int>("Square", (ctx, n) => Task.FromResult(n * n))
        .AddActivityFunc<string, string>("Fail", (ctx, message) => throw new InvalidOperationException(message))
        .AddActivityFunc<int, int>("FailTwiceThenEcho", (ctx, value) =>
        {
            var attempt = Flags.AddOrUpdate(ctx.InstanceId + ":attempts", 1, (_, n) => n + 1);
            return attempt <= 2 ? throw new TimeoutException($"attempt {attempt} failed") : Task.FromResult(value);
        })
        .AddOrchestratorFunc<object?, List<string>>("HelloSequence", async (ctx, _) =>
        [
            await ctx.CallActivityAsync<string>("SayHello", "Tokyo"),
            await ctx.CallActivityAsync<string>("SayHello", "Seattle"),
            await ctx.CallActivityAsync<string>("SayHello", "London"),
        ])
        .AddOrchestratorFunc<int, int>("FanOutFanIn", async (ctx, n) =>
        {
            var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
            return (await Task.WhenAll(tasks)).Sum();
        })
        .AddOrchestratorFunc<TimeSpan, string>("Sleeper", async (ctx, delay) =>
        {
            await ctx.CreateTimer(delay, CancellationToken.None);
            return $"woke at {ctx.CurrentUtcDateTime:o}";
        })
        .AddOrchestratorFunc<TimeSpan, string>("Approval", async (ctx, timeout) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("approval", timeout);
            }
            catch (TaskCanceledException)
            {
                return "timed-out";
            }
        })
        .AddOrchestratorFunc<TimeSpan, List<string>>("TimeoutThenWaitAgain", async (ctx, timeout) =>
        {
            var results = new List<string>();
            try
            {
                results.Add(await ctx.WaitForExternalEvent<string>("ping", timeout));
            }
            catch (TaskCanceledException)
            {
                results.Add("timed-out");
            }

            results.Add(await ctx.WaitForExternalEvent<string>("ping"));
            return results;
        })
        .AddOrchestratorFunc<object?, List<string>>("TwoEvents", async (ctx, _) =>
        [
            await ctx.WaitForExternalEvent<string>("first"),
            await ctx.WaitForExternalEvent<string>("second"),
        ])
        .AddOrchestratorFunc<string, string>("Failing", async (ctx, message) => await ctx.CallActivityAsync<string>("Fail", message))
        .AddOrchestratorFunc<string, string>("CatchFailure", async (ctx, message) =>
        {
            try
            {
                return await ctx.CallActivityAsync<string>("Fail", message);
            }
            catch (TaskFailedException ex)
            {
                return $"caught {ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
            }
        })
        .AddOrchestratorFunc<int, int>("RetryEcho", async (ctx, value) =>
            await ctx.CallActivityAsync<int>("FailTwiceThenEcho", value, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMinutes(1)))))
        .AddOrchestratorFunc<int, int>("RetryExhausted", async (ctx, value) =>
            await ctx.CallActivityAsync<int>("FailTwiceThenEcho", value, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMinutes(1)))))
        .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) => await ctx.CallSubOrchestratorAsync<int>("FanOutFanIn", n) + 1)
        .AddOrchestratorFunc<string, string>("FixedChildTwice", async (ctx, childId) =>
        {
            var first = await ctx.CallSubOrchestratorAsync<int>("FanOutFanIn", 2, new SubOrchestrationOptions(childId));
            var second = await ctx.CallSubOrchestratorAsync<int>("FanOutFanIn", 3, new SubOrchestrationOptions(childId));
            try
            {
                await ctx.CallSubOrchestratorAsync<string>("Status", null, new SubOrchestrationOptions(childId + "-busy"));
                return "unexpected";
            }
            catch (TaskFailedException ex) when (ex.FailureDetails.IsCausedBy<OrchestrationAlreadyExistsException>())
            {
                return $"{first},{second},busy";
            }
        })
        .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
        {
            await ctx.CallActivityAsync<int>("Square", n);
            if (n < 3)
            {
                ctx.ContinueAsNew(n + 1);
            }

            return n;
        })
        .AddOrchestratorFunc<int, string>("TickThenContinue", async (ctx, n) =>
        {
            var tick = await ctx.WaitForExternalEvent<string>("tick");
            if (n == 0)
            {
                ctx.ContinueAsNew(1);
            }

            return tick;
        })
        .AddOrchestratorFunc<object?, string>("Status", async (ctx, _) =>
        {
            ctx.SetCustomStatus(new { step = "waiting" });
            return await ctx.WaitForExternalEvent<string>("go");
        })
        .AddOrchestratorFunc<object?, string>("Guids", (ctx, _) =>
            Task.FromResult($"{ctx.NewGuid()}|{ctx.NewGuid()}"))
        .AddOrchestratorFunc<object?, string>("ChangesItsMind", async (ctx, _) =>
        {
            // The first run schedules SayHello; a "deployment" (the flag) makes replays schedule Square instead.
            if (Flags.TryGetValue(ctx.InstanceId, out var v) && v == 1)
            {
                await ctx.CallActivityAsync<int>("Square", 2);
            }
            else
            {
                await ctx.CallActivityAsync<string>("SayHello", "x");
            }

            return await ctx.WaitForExternalEvent<string>("go");
        })
        .AddOrchestratorFunc<string, string>("Pinger", async (ctx, target) =>
        {
            ctx.SendEvent(target, "first", "from pinger");
            ctx.SendEvent(target, "second", "again");
            await ctx.CreateTimer(TimeSpan.Zero, CancellationToken.None);
            return "sent";
        });

    public sealed record Later(int Amount, DateTimeOffset At);

    public sealed record Forwarded(string ToKey, int Amount);

    /// <summary>A counter entity: add, reset, get, and an operation that always throws.</summary>
    public sealed class TestCounter : Entities.TaskEntity<int>
    {
        public void Add(int amount) => State += amount;

        public void Reset() => State = 0;

        public int Get() => State;

        /// <summary>Adds later: the entity signals itself for the due time.</summary>
        public void AddLater(Later later) => Context.SignalEntity(Id, "add", later.Amount, later.At);

        /// <summary>Adds to this counter and passes the same amount on to another one.</summary>
        public void Forward(Forwarded forwarded)
        {
            State += forwarded.Amount;
            Context.SignalEntity(new Entities.EntityInstanceId("counter", forwarded.ToKey), "add", forwarded.Amount);
        }

        public void ForwardThenFail(Forwarded forwarded)
        {
            Context.SignalEntity(new Entities.EntityInstanceId("counter", forwarded.ToKey), "add", forwarded.Amount);
            throw new InvalidOperationException("the signal must not go out");
        }

        public void Fail()
        {
            State = -999; // must not stick: a failed operation changes nothing
            throw new InvalidOperationException("fail on purpose");
        }
    }
}
