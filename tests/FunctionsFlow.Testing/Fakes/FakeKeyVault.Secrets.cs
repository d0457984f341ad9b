using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FunctionsFlow.Testing.Fakes;

public sealed partial class FakeKeyVault
{
    private void Map(WebApplication app)
    {
        app.Use(GuardAsync);
        app.MapPut("/secrets/{name}", (string name, HttpContext context) => Set(name, Body(context)));
        app.MapGet("/secrets/{name}/versions", (string name, int? maxresults, HttpContext context) => Versions(name, maxresults, context));
        app.MapGet("/secrets/{name}/{version?}", (string name, string? version) => Get(name, version));
        app.MapMethods("/secrets/{name}/{version}", ["PATCH"], (string name, string version, HttpContext context) => Update(name, version, Body(context)));
        app.MapDelete("/secrets/{name}", Delete);
        app.MapGet("/deletedsecrets/{name}", GetDeleted);
        app.MapPost("/deletedsecrets/{name}/recover", Recover);
    }

    private static JsonObject Body(HttpContext context) => JsonNode.Parse((string)context.Items["body"]!)!.AsObject();

    private IResult Set(string name, JsonObject body)
    {
        if (!Storage.Secrets.SecretNames.IsValid(name))
        {
            return Results.Json(Error("BadParameter", "The request URI contains an invalid name: " + name), statusCode: 400);
        }

        lock (_lock)
        {
            if (_secrets.TryGetValue(name, out var existing) && existing.Deleted)
            {
                return Results.Json(Error("Conflict", $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.", "ObjectIsDeletedButRecoverable"), statusCode: 409);
            }

            var secret = existing ?? (_secrets[name] = new StoredSecret(name));
            var now = Now();
            var attributes = body["attributes"] as JsonObject;
            var version = new StoredVersion(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), body["value"]!.GetValue<string>(), now)
            {
                ContentType = body["contentType"]?.GetValue<string>(),
                Tags = Tags(body),
                Enabled = attributes?["enabled"]?.GetValue<bool>() ?? true,
                Expires = attributes?["exp"]?.GetValue<long>(),
            };
            secret.Versions.Add(version);
            return Results.Json(Bundle(secret, version, withValue: true));
        }
    }

    private IResult Get(string name, string? version)
    {
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var secret) || secret.Deleted)
            {
                return SecretNotFound(name);
            }

            var found = string.IsNullOrEmpty(version) ? secret.Versions[^1] : secret.Versions.Find(v => v.Id == version);
            if (found is null)
            {
                return Results.Json(Error("SecretNotFound", $"A secret with (name/id) {name}/{version} was not found in this key vault."), statusCode: 404);
            }

            return found.Enabled
                ? Results.Json(Bundle(secret, found, withValue: true))
                : Results.Json(Error("Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled"), statusCode: 403);
        }
    }

    private IResult Update(string name, string version, JsonObject body)
    {
        lock (_lock)
        {
            var found = _secrets.TryGetValue(name, out var secret) && !secret.Deleted ? secret.Versions.Find(v => v.Id == version) : null;
            if (found is null)
            {
                return SecretNotFound(name);
            }

            if (body["attributes"] is JsonObject attributes)
            {
                found.Enabled = attributes["enabled"]?.GetValue<bool>() ?? found.Enabled;
                found.Expires = attributes.ContainsKey("exp") ? attributes["exp"]?.GetValue<long>() : found.Expires;
            }

            found.ContentType = body.ContainsKey("contentType") ? body["contentType"]?.GetValue<string>() : found.ContentType;
            found.Tags = body.ContainsKey("tags") ? Tags(body) : found.Tags;
            found.Updated = Now();
            return Results.Json(Bundle(secret!, found, withValue: false));
        }
    }

    /// <summary>One page of a secret's versions, oldest first; <c>nextLink</c> carries the position as <c>$skiptoken</c>.</summary>
    private IResult Versions(string name, int? maxresults, HttpContext context)
    {
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var secret) || secret.Deleted)
            {
                return SecretNotFound(name);
            }

            var skip = int.TryParse(context.Request.Query["$skiptoken"], NumberStyles.None, CultureInfo.InvariantCulture, out var from) ? from : 0;
            var size = maxresults is > 0 ? maxresults.Value : PageSize;
            var page = secret.Versions.Skip(skip).Take(size).Select(v => Bundle(secret, v, withValue: false)).ToList();
            var next = skip + size < secret.Versions.Count
                ? $"{VaultUri}secrets/{name}/versions?api-version={context.Request.Query["api-version"]}&$skiptoken={skip + size}&maxresults={size}"
                : null;
            return Results.Json(new JsonObject { ["value"] = new JsonArray([.. page]), ["nextLink"] = next });
        }
    }

    private IResult Delete(string name)
    {
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var secret) || secret.Deleted)
            {
                return SecretNotFound(name);
            }

            secret.Deleted = true;
            secret.DeletedDate = Now();
            return Results.Json(DeletedBundle(secret));
        }
    }

    private IResult GetDeleted(string name)
    {
        lock (_lock)
        {
            return _secrets.TryGetValue(name, out var secret) && secret.Deleted
                ? Results.Json(DeletedBundle(secret))
                : Results.Json(Error("SecretNotFound", $"Deleted Secret not found: {name}"), statusCode: 404);
        }
    }

    private IResult Recover(string name)
    {
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var secret) || !secret.Deleted)
            {
                return Results.Json(Error("SecretNotFound", $"Deleted Secret not found: {name}"), statusCode: 404);
            }

            secret.Deleted = false;
            secret.DeletedDate = null;
            return Results.Json(Bundle(secret, secret.Versions[^1], withValue: false));
        }
    }

    private static IResult SecretNotFound(string name) =>
        Results.Json(Error("SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault."), statusCode: 404);

    private JsonObject Bundle(StoredSecret secret, StoredVersion version, bool withValue)
    {
        var bundle = new JsonObject
        {
            ["id"] = $"{VaultUri}secrets/{secret.Name}/{version.Id}",
            ["attributes"] = new JsonObject
            {
                ["enabled"] = version.Enabled,
                ["exp"] = version.Expires,
                ["created"] = version.Created,
                ["updated"] = version.Updated,
                ["recoveryLevel"] = "Recoverable",
                ["recoverableDays"] = 90,
            },
            ["tags"] = JsonSerializer.SerializeToNode(version.Tags),
        };
        if (version.ContentType is not null)
        {
            bundle["contentType"] = version.ContentType;
        }

        if (withValue)
        {
            bundle["value"] = version.Value;
        }

        return bundle;
    }

    private JsonObject DeletedBundle(StoredSecret secret)
    {
        var bundle = Bundle(secret, secret.Versions[^1], withValue: false);
        bundle["recoveryId"] = $"{VaultUri}deletedsecrets/{secret.Name}";
        bundle["deletedDate"] = secret.DeletedDate;
        bundle["scheduledPurgeDate"] = secret.DeletedDate + (long)TimeSpan.FromDays(90).TotalSeconds;
        return bundle;
    }

    private static Dictionary<string, string> Tags(JsonObject body) =>
        body["tags"] is JsonObject tags ? tags.ToDictionary(t => t.Key, t => t.Value!.GetValue<string>(), StringComparer.Ordinal) : [];

    private long Now() => Time.GetUtcNow().ToUnixTimeSeconds();

    private sealed class StoredSecret(string name)
    {
        public string Name { get; } = name;

        public List<StoredVersion> Versions { get; } = [];

        public bool Deleted { get; set; }

        public long? DeletedDate { get; set; }
    }

    private sealed class StoredVersion(string id, string value, long created)
    {
        public string Id { get; } = id;

        public string Value { get; } = value;

        public long Created { get; } = created;

        public long Updated { get; set; } = created;

        public string? ContentType { get; set; }

        public Dictionary<string, string> Tags { get; set; } = [];

        public bool Enabled { get; set; } = true;

        public long? Expires { get; set; }

        public SecretVersionState State(bool deleted) =>
            new(Id, Value, ContentType, Tags, Enabled, Expires is { } exp ? DateTimeOffset.FromUnixTimeSeconds(exp) : null, deleted);
    }
}
