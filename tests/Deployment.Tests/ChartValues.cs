using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace IceFarm.Deployment.Tests;

/// <summary>The chart's values.yaml and values.schema.json, and what helm's schema check would say.</summary>
internal static class ChartValues
{
    /// <summary>values.yaml as JSON.</summary>
    public static JsonObject Load() =>
        YamlJson.Parse(File.ReadAllText(Path.Combine(Repository.Chart, "values.yaml"))) as JsonObject
        ?? throw new InvalidOperationException("values.yaml is not a mapping");

    /// <summary>values.schema.json as JSON.</summary>
    public static JsonObject LoadSchemaJson() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Chart, "values.schema.json"))) as JsonObject
        ?? throw new InvalidOperationException("values.schema.json is not an object");

    /// <summary>
    /// <paramref name="overrides"/> over <paramref name="defaults"/> as helm merges a --values file:
    /// mappings merge key by key, anything else replaces, null removes the key.
    /// </summary>
    public static JsonObject Merge(JsonObject defaults, JsonObject overrides)
    {
        var result = (JsonObject)defaults.DeepClone();
        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else if (value is JsonObject map && result[name] is JsonObject existing)
            {
                result[name] = Merge(existing, map);
            }
            else
            {
                result[name] = value.DeepClone();
            }
        }

        return result;
    }

    /// <summary>The schema's errors for <paramref name="values"/>, one line each ("/path: message"); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(JsonNode values)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Repository.Chart, "values.schema.json")));
        var results = schema.Evaluate(
            JsonSerializer.SerializeToElement(values),
            new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid (no detail)"];
    }

    /// <summary>
    /// The node at a dotted path ("worker.drainDeadlineSeconds"); null when a part is missing.
    /// </summary>
    public static JsonNode? At(JsonNode? root, string dottedPath)
    {
        var node = root;
        foreach (var part in dottedPath.Split('.'))
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>True when every part of the dotted path is a key of the mapping above it.</summary>
    public static bool Has(JsonNode? root, string dottedPath)
    {
        var node = root;
        foreach (var part in dottedPath.Split('.'))
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(part, out node))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sets the value at a dotted path, creating nothing but the last key.</summary>
    public static void Set(JsonNode root, string dottedPath, JsonNode? value)
    {
        var parts = dottedPath.Split('.');
        var parent = parts.Length == 1 ? root : At(root, string.Join('.', parts[..^1]));
        if (parent is not JsonObject map)
        {
            throw new ArgumentException($"{dottedPath}: no mapping above the last key", nameof(dottedPath));
        }

        map[parts[^1]] = value;
    }
}
