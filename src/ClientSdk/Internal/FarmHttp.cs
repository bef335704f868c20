using System.Net.Http.Json;
using System.Text.Json;

namespace IceFarm.Client.Internal;

/// <summary>One API call with the client's deadline, and the farm's ProblemDetails turned into <see cref="FarmApiException"/>.</summary>
internal sealed class FarmHttp(HttpClient http, TimeSpan requestTimeout)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Client => http;

    public TimeSpan RequestTimeout => requestTimeout;

    public async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(requestTimeout);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            await ThrowIfFailedAsync(response, deadline.Token);
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent || typeof(T) == typeof(object) || response.Content.Headers.ContentLength == 0)
            {
                return default!;
            }

            return await response.Content.ReadFromJsonAsync<T>(Json, deadline.Token)
                ?? throw new FarmApiException((int)response.StatusCode, null, $"{method} {path} answered an empty body.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // An explicit timeout instead of the bare cancellation HttpClient reports.
            throw new TimeoutException($"{method} {path} got no answer within {requestTimeout.TotalSeconds:0.#} s.");
        }
    }

    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? code = null;
        var message = $"The farm answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
            if (problem.ValueKind == JsonValueKind.Object)
            {
                code = problem.TryGetProperty("type", out var type) ? type.GetString()?.Split('/')[^1] : null;
                message = problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? message : message;
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not a ProblemDetails body: the status line is all there is to report.
        }

        throw new FarmApiException((int)response.StatusCode, code, message);
    }
}
