using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IceFarm.FarmData.Http;

/// <summary>Reads a JSON body so that malformed input becomes a clear ProblemDetails instead of a bare 400.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request, bool optional, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return optional ? (null, null) : (null, "A JSON body is required.");
        }

        if (!request.HasJsonContentType())
        {
            return (null, "The body must be JSON (Content-Type: application/json).");
        }

        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct);
            return value is null && !optional ? (null, "A JSON body is required.") : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, $"Malformed JSON: {ex.Message}");
        }
    }
}
