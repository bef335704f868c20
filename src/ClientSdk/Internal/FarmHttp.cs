using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IceFarm.Client.Internal;

/// <summary>
/// One API call with the client's deadline, retried while the farm is briefly unavailable (<see cref="TransientRetry"/>),
/// and the farm's ProblemDetails turned into <see cref="FarmApiException"/>.
/// </summary>
internal sealed class FarmHttp(HttpClient http, TimeSpan requestTimeout, TransientRetry retry)
{
    /// <summary>The header that makes a retried reserve or upload return the first answer instead of doing it again.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public HttpClient Client => http;

    public TimeSpan RequestTimeout => requestTimeout;

    public TransientRetry Retry => retry;

    /// <summary>
    /// Sends the call and reads its answer as <paramref name="answer"/>; <paramref name="content"/> is sent again by each
    /// retry (the caller disposes it). A POST that is not safe to repeat gets an <paramref name="idempotencyKey"/> (reused by
    /// all its retries) or <see cref="CallReplay.IfNotDone"/>.
    /// </summary>
    public Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> answer, CancellationToken ct,
        CallReplay replay = CallReplay.Safe, string? idempotencyKey = null) =>
        CallAsync(method, path, content, replay, idempotencyKey, async (response, token) =>
            response.StatusCode == System.Net.HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
                ? default!
                : await response.Content.ReadFromJsonAsync(answer, token)
                  ?? throw new FarmApiException((int)response.StatusCode, null, $"{method} {path} answered an empty body."), ct);

    /// <summary>Sends a call whose answer carries nothing the caller needs (as <see cref="SendAsync{T}"/> otherwise).</summary>
    public Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct,
        CallReplay replay = CallReplay.Safe, string? idempotencyKey = null) =>
        CallAsync(method, path, content, replay, idempotencyKey, static (_, _) => Task.FromResult(true), ct);

    /// <summary>One call: retried as <paramref name="replay"/> allows, its failure thrown, its answer read within the request timeout.</summary>
    private async Task<T> CallAsync<T>(HttpMethod method, string path, HttpContent? content, CallReplay replay, string? idempotencyKey,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        using var response = await SendWithRetryAsync(method, path, content, HttpCompletionOption.ResponseContentRead, replay, idempotencyKey, ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(requestTimeout);
        try
        {
            await ThrowIfFailedAsync(response, deadline.Token);
            return await read(response, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} {path} got no answer within {requestTimeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Each attempt is a new request with its own deadline of <see cref="RequestTimeout"/>; a timeout is not retried.</summary>
    public Task<HttpResponseMessage> SendWithRetryAsync(HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion,
        CallReplay replay, string? idempotencyKey, CancellationToken ct, Action<HttpRequestMessage>? prepare = null) =>
        retry.ExecuteAsync(replay, (Http: this, method, path, content, completion, idempotencyKey, prepare), static async (s, token) =>
        {
            // Not disposed: that would dispose the content, which the next attempt sends again.
            var request = new HttpRequestMessage(s.method, s.path) { Content = s.content };
            if (s.idempotencyKey is not null)
            {
                request.Headers.Add(IdempotencyKeyHeader, s.idempotencyKey);
            }

            s.prepare?.Invoke(request);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
            deadline.CancelAfter(s.Http.RequestTimeout);
            try
            {
                return await s.Http.Client.SendAsync(request, s.completion, deadline.Token);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                // An explicit timeout instead of the bare cancellation HttpClient reports.
                throw new TimeoutException($"{s.method} {s.path} got no answer within {s.Http.RequestTimeout.TotalSeconds:0.#} s.");
            }
        }, ct);

    /// <summary>A fresh key for one reserve or upload and all its retries.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

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
            var problem = await response.Content.ReadFromJsonAsync(FarmJsonContext.Default.ProblemBody, ct);
            if (problem is not null)
            {
                code = problem.Type?.Split('/')[^1];
                message = problem.Detail ?? message;
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not a ProblemDetails body: the status line is all there is to report.
        }

        throw new FarmApiException((int)response.StatusCode, code, message);
    }
}
