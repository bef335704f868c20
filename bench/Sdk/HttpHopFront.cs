using IceFarm.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// The least an HTTP front can do with a bitstream before the bus: Kestrel on 127.0.0.1:0 reads a raw
/// <c>application/octet-stream</c> body into an exact-size array and sends it as one <see cref="HopMessage"/>, answering
/// 202 once the broker confirmed. No authentication, no multipart, no validation, no database: a floor for "crosses HTTP
/// once and the bus once", to set the farm's figure beside, not the issue's ceiling.
/// </summary>
internal sealed class HttpHopFront : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private HttpHopFront(WebApplication app, Uri address)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
    }

    public static async Task<HttpHopFront> StartAsync(ISendEndpoint endpoint, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hop", async (HttpRequest request, CancellationToken requestAborted) =>
        {
            if (request.ContentLength is not { } length || length is <= 0 or > 1 << 20)
            {
                return Results.StatusCode(StatusCodes.Status411LengthRequired);
            }

            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body, requestAborted);
            await endpoint.Send(new HopMessage(Guid.NewGuid(), body), requestAborted);
            return Results.Accepted();
        });
        var address = await WebApps.StartAsync(app, TimeSpan.FromSeconds(30)).WaitAsync(ct);
        return new HttpHopFront(app, address);
    }

    /// <summary>POSTs <paramref name="body"/> and waits for the 202 (the bus send confirmed).</summary>
    public async Task PostAsync(byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await _http.PostAsync(new Uri("hop", UriKind.Relative), content, ct);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await WebApps.StopAsync(_app, TimeSpan.FromSeconds(10));
    }
}
