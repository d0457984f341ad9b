using System.Security.Cryptography;
using System.Text;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Entities;

namespace FunctionsFlow.Workflows.Variables;

/// <summary>The kinds of variable scope.</summary>
public enum VariableScopeKind
{
    /// <summary>One scope for the whole app: everyone reads, admins write.</summary>
    Global,

    /// <summary>One scope per workflow of a user.</summary>
    Workflow,

    /// <summary>One scope per session; it goes when the session goes.</summary>
    Session,

    /// <summary>One scope per user, reachable only by that user.</summary>
    User,
}

/// <summary>A variable scope: which entity holds its variables. Scopes never share keys.</summary>
public readonly record struct VariableScope
{
    /// <summary>The name of the entity kind holding scoped variables.</summary>
    public const string EntityName = "variables";

    private VariableScope(VariableScopeKind kind, string key)
    {
        Kind = kind;
        Key = key;
    }

    /// <summary>The kind of scope.</summary>
    public VariableScopeKind Kind { get; }

    /// <summary>The scope's name, e.g. <c>user:alice</c> or <c>workflow:alice:expense-approval</c>.</summary>
    public string Key { get; }

    /// <summary>The app-wide scope.</summary>
    public static VariableScope Global { get; } = new(VariableScopeKind.Global, "global");

    /// <summary>The entity holding this scope's variables. Keys that are not usable in an instance id (too long, or
    /// with a character instance ids may not hold) are replaced by a hash, marked with <c>=</c> (a character neither
    /// user ids nor workflow ids contain).</summary>
    public EntityInstanceId EntityId
    {
        get
        {
            var id = new EntityInstanceId(EntityName, Key);
            if (InstanceIds.Validate(id.InstanceId) is null)
            {
                return id;
            }

            var hash = Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
            return new EntityInstanceId(EntityName, $"{Kind.ToString().ToLowerInvariant()}={hash}");
        }
    }

    /// <summary>A user's own scope.</summary>
    public static VariableScope User(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new(VariableScopeKind.User, "user:" + userId);
    }

    /// <summary>The scope of one workflow of <paramref name="ownerId"/>.</summary>
    public static VariableScope Workflow(string ownerId, string workflowId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowId);
        if (workflowId.Contains(':', StringComparison.Ordinal) || ownerId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("Owner and workflow ids must not contain ':'.", nameof(workflowId));
        }

        return new(VariableScopeKind.Workflow, $"workflow:{ownerId}:{workflowId}");
    }

    /// <summary>The scope of a session.</summary>
    public static VariableScope Session(string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return new(VariableScopeKind.Session, "session:" + sessionId);
    }

    /// <inheritdoc />
    public override string ToString() => Key;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
