using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Tests.Contracts;

/// <summary>Test-only workaround for a bug in this branch's base: every history event overrides <c>EventType</c>
/// without <c>[JsonIgnore]</c>, so its JSON property clashes with the <c>eventType</c> discriminator and no event
/// (nor any <see cref="OrchestrationWorkItem"/>) serializes with <see cref="WorkItemSerializer.Options"/>, in any
/// backend. Main has fixed it (the property became non-virtual and ignored); delete this file once this branch has
/// that fix. Until then it applies itself only while the bug is there.</summary>
internal static class HistoryEventJsonShim
{
    [ModuleInitializer]
    internal static void IgnoreEventTypeProperty()
    {
        if (!WorkItemSerializer.Options.IsReadOnly && !EventsSerialize())
        {
            WorkItemSerializer.Options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RemoveEventType } };
        }
    }

    private static bool EventsSerialize()
    {
        try
        {
            // Probes a copy, so that the shared options stay open to the fix.
            var probe = new JsonSerializerOptions(WorkItemSerializer.Options)
            {
                TypeInfoResolver = WorkItemSerializer.Options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver(),
            };
            JsonSerializer.Serialize(new OrchestratorStartedEvent(DateTimeOffset.UnixEpoch), (JsonTypeInfo<HistoryEvent>)probe.GetTypeInfo(typeof(HistoryEvent)));
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void RemoveEventType(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type.IsAssignableTo(typeof(HistoryEvent)) && typeInfo.Kind == JsonTypeInfoKind.Object)
        {
            var clash = typeInfo.Properties.FirstOrDefault(p => p.Name == "eventType");
            if (clash is not null)
            {
                typeInfo.Properties.Remove(clash);
            }
        }
    }
}
