using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IceFarm.Client.Evaluation;
using IceFarm.Client.Events;
using IceFarm.Contracts.Http;

namespace IceFarm.Client;

/// <summary>
/// The entry point to an IceFarm: availability, reservations, bitstream submission and the event stream.
/// Thread-safe; create one per farm and reuse it.
/// </summary>
public sealed class FarmClient : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeSpan _requestTimeout;

    /// <summary>Creates a client with its own connection pool.</summary>
    public FarmClient(FarmClientOptions options)
        : this(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), options, ownsHttp: true)
    {
    }

    /// <summary>Creates a client over a given <see cref="HttpClient"/> (for example from IHttpClientFactory); its base address and token are set from <paramref name="options"/>.</summary>
    public FarmClient(HttpClient http, FarmClientOptions options)
        : this(http, options, ownsHttp: false)
    {
    }

    private FarmClient(HttpClient http, FarmClientOptions options, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _ownsHttp = ownsHttp;
        _requestTimeout = options.RequestTimeout;
        // Per-call deadlines come from _requestTimeout; the event stream must be allowed to stay open.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.BaseAddress = options.BaseAddress;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
    }

    /// <summary>A client configured from <c>ICEFARM_URL</c> and <c>ICEFARM_TOKEN</c>.</summary>
    public static FarmClient FromEnvironment() => new(FarmClientOptions.FromEnvironment());

    /// <summary>How many boards of <paramref name="kind"/> could be granted now.</summary>
    public async Task<int> AvailableAsync(string kind, CancellationToken ct = default)
    {
        var answer = await SendAsync<AvailabilityResponse>(HttpMethod.Get, $"api/v1/availability?kind={Uri.EscapeDataString(kind)}", null, ct);
        return answer.Available;
    }

    /// <summary>Reserves boards (all or nothing) and returns the lease; disposing the lease ends the reservation.</summary>
    public async Task<Lease> ReserveAsync(ReserveRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Subscribe first: the boards' device-ready events may come before the reservation's answer does.
        var events = await OpenEventsAsync(null, ct);
        try
        {
            var reservation = await SendAsync<ReservationResponse>(HttpMethod.Post, "api/v1/reservations", JsonContent.Create(request, options: Json), ct);
            return new Lease(this, reservation, events);
        }
        catch
        {
            await events.DisposeAsync();
            throw;
        }
    }

    /// <summary>One of the caller's reservations with its boards' states.</summary>
    public Task<ReservationResponse> GetReservationAsync(Guid reservationId, CancellationToken ct = default) =>
        SendAsync<ReservationResponse>(HttpMethod.Get, $"api/v1/reservations/{reservationId}", null, ct);

    /// <summary>Ends a reservation and releases all its boards.</summary>
    public Task EndReservationAsync(Guid reservationId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"api/v1/reservations/{reservationId}", null, ct);

    /// <summary>Queues bitstreams on boards of a reservation (every board unless <paramref name="serials"/> names some).</summary>
    public async Task<EvaluationsAccepted> SubmitAsync(Guid reservationId, IEnumerable<Bitstream> bitstreams, IEnumerable<string>? serials = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bitstreams);
        using var form = new MultipartFormDataContent();
        foreach (var bitstream in bitstreams)
        {
            var part = new ReadOnlyMemoryContent(bitstream.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "bitstreams", bitstream.Label);
        }

        if (serials is not null)
        {
            form.Add(new StringContent(string.Join(',', serials)), "serials");
        }

        return await SendAsync<EvaluationsAccepted>(HttpMethod.Post, $"api/v1/reservations/{reservationId}/evaluations", form, ct);
    }

    /// <summary>Opens the caller's event stream, resuming after <paramref name="lastEventId"/> when given; returns once the farm confirmed the subscription.</summary>
    public async Task<FarmEventStream> OpenEventsAsync(long? lastEventId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        using var connect = CancellationTokenSource.CreateLinkedTokenSource(ct);
        connect.CancelAfter(_requestTimeout);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token);
        try
        {
            await ThrowIfFailedAsync(response, connect.Token);
            var stream = new FarmEventStream(response, await response.Content.ReadAsStreamAsync(connect.Token));
            await stream.WaitForConnectedAsync(connect.Token);
            return stream;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_requestTimeout);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, deadline.Token);
        await ThrowIfFailedAsync(response, deadline.Token);
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent || typeof(T) == typeof(object))
        {
            return default!;
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, deadline.Token)
            ?? throw new FarmApiException((int)response.StatusCode, null, $"{method} {path} answered an empty body.");
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken ct)
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
        catch (JsonException)
        {
            // Not a ProblemDetails body: the status line is all there is to report.
        }

        throw new FarmApiException((int)response.StatusCode, code, message);
    }
}
