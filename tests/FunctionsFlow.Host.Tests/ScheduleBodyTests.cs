using System.Text.Json;
using FunctionsFlow.Host.Endpoints;
using FunctionsFlow.Workflows.Schedules;

namespace FunctionsFlow.Host.Tests;

/// <summary>The body of <c>POST /api/schedules</c>: what it accepts, its defaults, and every problem by path.</summary>
public sealed class ScheduleBodyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_Cron_WithEverything()
    {
        var request = Valid("""
            {"id": "nightly", "workflowId": "report", "input": {"depth": 2},
             "cron": {"expression": "0 30 2 * * MON-FRI", "timeZone": "Europe/Berlin"},
             "overlap": "bufferOne", "catchUp": "All", "catchUpWindow": "PT6H", "paused": true}
            """);

        Assert.Equal(("nightly", "report"), (request.Id, request.WorkflowId));
        Assert.Equal(2, request.Input!.Value.GetProperty("depth").GetInt32());
        Assert.Equal(new CronTrigger("0 30 2 * * MON-FRI", "Europe/Berlin"), request.Trigger.Cron);
        Assert.Equal((OverlapPolicy.BufferOne, CatchUpPolicy.All, TimeSpan.FromHours(6), true), (request.Overlap, request.CatchUp, request.CatchUpWindow, request.Paused));
    }

    [Fact]
    public void Read_Defaults_SkipLatestUtcUnpaused()
    {
        var request = Valid("""{"workflowId": "report", "cron": {"expression": "*/5 * * * *"}}""");

        Assert.Null(request.Id);
        Assert.Null(request.Input);
        Assert.Equal("UTC", request.Trigger.Cron!.TimeZone);
        Assert.Equal((OverlapPolicy.Skip, CatchUpPolicy.Latest, (TimeSpan?)null, false), (request.Overlap, request.CatchUp, request.CatchUpWindow, request.Paused));
    }

    [Fact]
    public void Read_OnceAndInterval_TimesBecomeUtc_RoundedUpToTheSecond()
    {
        var once = Valid("""{"workflowId": "w", "once": {"at": "2026-01-15T11:30:00.250+02:00"}}""");
        var interval = Valid("""{"workflowId": "w", "interval": {"every": 90, "startAt": "2026-01-01T00:00:00Z"}}""");

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 30, 1, TimeSpan.Zero), once.Trigger.Once!.At);
        Assert.Equal(TimeSpan.Zero, once.Trigger.Once.At.Offset);
        Assert.Equal(new IntervalTrigger(TimeSpan.FromSeconds(90), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), interval.Trigger.Interval);
    }

    /// <summary>A body, the path the error must name, and a fragment of its message.</summary>
    public static TheoryData<string, string, string> Invalid { get; } = new()
    {
        { """{"cron": {"expression": "* * * * *"}}""", "$.workflowId", "required" },
        { """{"workflowId": "-bad", "cron": {"expression": "* * * * *"}}""", "$.workflowId", "workflow id" },
        { """{"workflowId": 7, "cron": {"expression": "* * * * *"}}""", "$.workflowId", "string" },
        { """{"workflowId": "w", "id": "a/b", "cron": {"expression": "* * * * *"}}""", "$.id", "schedule id" },
        { """{"workflowId": "w"}""", "$", "exactly one of" },
        { """{"workflowId": "w", "once": {"at": "2026-02-01T00:00:00Z"}, "cron": {"expression": "* * * * *"}}""", "$.cron", "exactly one of" },
        { """{"workflowId": "w", "cron": "* * * * *"}""", "$.cron", "object" },
        { """{"workflowId": "w", "once": {}}""", "$.once.at", "required" },
        { """{"workflowId": "w", "once": {"at": "2026-02-01T00:00:00"}}""", "$.once.at", "offset" },
        { """{"workflowId": "w", "once": {"at": "tomorrow"}}""", "$.once.at", "ISO 8601" },
        { """{"workflowId": "w", "once": {"at": "2026-01-15T08:59:59Z"}}""", "$.once.at", "future" },
        { """{"workflowId": "w", "once": {"at": "2026-02-01T00:00:00Z", "every": "PT1M"}}""", "$.once.every", "Unknown field" },
        { """{"workflowId": "w", "interval": {}}""", "$.interval.every", "required" },
        { """{"workflowId": "w", "interval": {"every": "often"}}""", "$.interval.every", "ISO 8601 duration" },
        { """{"workflowId": "w", "interval": {"every": "PT0.5S"}}""", "$.interval.every", "between 1 seconds" },
        { """{"workflowId": "w", "interval": {"every": "PT1.5S"}}""", "$.interval.every", "whole number of seconds" },
        { """{"workflowId": "w", "interval": {"every": "PT1M", "startAt": 5}}""", "$.interval.startAt", "string" },
        { """{"workflowId": "w", "cron": {}}""", "$.cron.expression", "required" },
        { """{"workflowId": "w", "cron": {"expression": "0 0 25 * * *"}}""", "$.cron.expression", "the hour field value '25' is out of range" },
        { """{"workflowId": "w", "cron": {"expression": "0 0 0 30 2 *"}}""", "$.cron.expression", "never matches" },
        { """{"workflowId": "w", "cron": {"expression": "* * * * *", "timeZone": "Mars/Olympus_Mons"}}""", "$.cron.timeZone", "Unknown time zone 'Mars/Olympus_Mons'" },
        { """{"workflowId": "w", "cron": {"expression": "* * * * *"}, "overlap": "Queue"}""", "$.overlap", "Skip, Allow, BufferOne" },
        { """{"workflowId": "w", "cron": {"expression": "* * * * *"}, "overlap": "1"}""", "$.overlap", "Skip, Allow, BufferOne" },
        { """{"workflowId": "w", "cron": {"expression": "* * * * *"}, "catchUp": "Some"}""", "$.catchUp", "None, Latest, All" },
        { """{"workflowId": "w", "cron": {"expression": "* * * * *"}, "catchUpWindow": "P400D"}""", "$.catchUpWindow", "between" },
        { """{"workflowId": "w", "cron": {"expression": "* * * * *"}, "paused": "yes"}""", "$.paused", "true or false" },
        { """{"workflowId": "w", "cron": {"expression": "* * * * *"}, "catchup": "All"}""", "$.catchup", "Unknown field" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Read_Invalid_NamesTheField(string body, string path, string fragment)
    {
        var (request, errors) = Read(body);

        Assert.Null(request);
        Assert.True(errors.TryGetValue(path, out var messages), $"No error at {path}: {JsonSerializer.Serialize(errors)}");
        Assert.Contains(fragment, messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManyProblems_ReportsEach()
    {
        var (_, errors) = Read("""{"workflowId": "", "interval": {"every": "x"}, "overlap": 3, "extra": 1}""");

        Assert.Equal(["$.extra", "$.workflowId", "$.interval.every", "$.overlap"], errors.Keys);
    }

    [Fact]
    public void Read_InputOverTheLimit_IsRefused()
    {
        var fields = new JsonFields(Parse("""{"workflowId": "w", "cron": {"expression": "* * * * *"}, "input": "0123456789"}"""));

        Assert.Null(ScheduleBody.Read(fields, Now, ScheduleOptions.Default with { MaxInputBytes = 10 }));
        Assert.Equal(["$.input"], fields.Errors.Keys);
    }

    private static ScheduleRequest Valid(string body)
    {
        var (request, errors) = Read(body);
        Assert.Empty(errors);
        return request!;
    }

    private static (ScheduleRequest? Request, IReadOnlyDictionary<string, string[]> Errors) Read(string body)
    {
        var fields = new JsonFields(Parse(body));
        return (ScheduleBody.Read(fields, Now, ScheduleOptions.Default), fields.Errors);
    }

    private static JsonElement Parse(string json) => JsonSerializer.Deserialize<JsonElement>(json);
}
