using System.Text.Json;
using IceFarm.Contracts.Http;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// Sits under the SDK's <see cref="HttpClient"/>: stamps every evaluation upload as it leaves and as its 202 comes back,
/// by the evaluation ids the answer names. Everything else passes through untouched.
/// </summary>
internal sealed class SubmitTimingHandler(HopClock clock) : DelegatingHandler(new SocketsHttpHandler())
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isUpload = request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/evaluations", StringComparison.Ordinal) == true;
        var start = HopClock.Now;
        var response = await base.SendAsync(request, cancellationToken);
        if (!isUpload || !response.IsSuccessStatusCode || !clock.Recording)
        {
            return response;
        }

        var answered = HopClock.Now;
        clock.CountPost(request.Content?.Headers.ContentLength);
        // Read here and handed on as a fresh content, so the SDK reads the same body after us.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var replaced = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content.Dispose();
        response.Content = replaced;
        var accepted = JsonSerializer.Deserialize<EvaluationsAccepted>(body, Json);
        foreach (var evaluation in accepted?.Evaluations ?? [])
        {
            var times = clock[evaluation.Id];
            times.SubmitStart = start;
            times.SubmitAnswered = answered;
            times.PostSize = accepted!.Evaluations.Count;
        }

        return response;
    }
}
