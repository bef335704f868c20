using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Xml;
using IceFarm.Client.Evaluation;
using IceFarm.Client.Events;
using IceFarm.Client.Internal;
using IceFarm.Contracts.Http;

namespace IceFarm.Client;

/// <summary>
/// The entry point to an IceFarm: availability, reservations, bitstream submission and the event stream.
/// Thread-safe; create one per farm and reuse it.
/// </summary>
public sealed class FarmClient : IDisposable
{
    private readonly FarmHttp _http;
    private readonly bool _ownsHttp;

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
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _ownsHttp = ownsHttp;
        // Per-call deadlines come from RequestTimeout; the event stream must be allowed to stay open.
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.BaseAddress = options.BaseAddress;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        _http = new FarmHttp(http, options.RequestTimeout, new TransientRetry(options));
    }

    /// <summary>The options this client was made with.</summary>
    public FarmClientOptions Options { get; }

    /// <summary>A client configured from <c>ICEFARM_URL</c> and <c>ICEFARM_TOKEN</c>.</summary>
    public static FarmClient FromEnvironment() => new(FarmClientOptions.FromEnvironment());

    /// <summary>How many boards of <paramref name="kind"/> could be granted now.</summary>
    public async Task<int> AvailableAsync(string kind, CancellationToken ct = default)
    {
        var answer = await _http.SendAsync(HttpMethod.Get, $"api/v1/availability?kind={Uri.EscapeDataString(kind)}", null, FarmJsonContext.Default.AvailabilityResponse, ct);
        return answer.Available;
    }

    /// <summary>What this client uses now against its quotas, and the quotas in force.</summary>
    public Task<ClientUsage> UsageAsync(CancellationToken ct = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/usage", null, FarmJsonContext.Default.ClientUsage, ct);

    /// <summary>This client's requests waiting in the farm-wide queue, each with its place in line.</summary>
    public Task<QueuedRequestInfo[]> QueueAsync(CancellationToken ct = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/queue", null, FarmJsonContext.Default.QueuedRequestInfoArray, ct);

    /// <summary>Reserves <paramref name="amount"/> boards of <paramref name="kind"/> (all or nothing), queueing up to <paramref name="wait"/> for them.</summary>
    public Task<Lease> ReserveAsync(string kind, int amount, TimeSpan? wait = null, IReadOnlyDictionary<string, string>? args = null, LeaseOptions? options = null, CancellationToken ct = default) =>
        ReserveAsync(new ReserveRequest(kind, Amount: amount, Args: args, Wait: wait is { } w ? XmlConvert.ToString(w) : null), options, ct);

    /// <summary>Reserves exactly the boards named by <paramref name="serials"/> (all or nothing).</summary>
    public Task<Lease> ReserveAsync(string kind, IReadOnlyList<string> serials, TimeSpan? wait = null, IReadOnlyDictionary<string, string>? args = null, LeaseOptions? options = null, CancellationToken ct = default) =>
        ReserveAsync(new ReserveRequest(kind, Serials: serials, Args: args, Wait: wait is { } w ? XmlConvert.ToString(w) : null), options, ct);

    /// <summary>Reserves boards as <paramref name="request"/> says and returns the lease; disposing the lease ends the reservation.</summary>
    public async Task<Lease> ReserveAsync(ReserveRequest request, LeaseOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= new LeaseOptions();
        if (request.KeepAlive is null && options.AutoExtend && options.KeepAlive is { } keepAlive)
        {
            // Only a lease that renews in the background asks for a keepalive: anything else would lose its boards after one TTL.
            request = request with { KeepAlive = XmlConvert.ToString(keepAlive) };
        }

        if (request.ReplaceFailed is null && !options.ReplaceFailedBoards)
        {
            request = request with { ReplaceFailed = false };
        }

        // Subscribe first: the boards' device-ready events may come before the reservation's answer does.
        var events = await OpenEventsAsync(null, ct);
        try
        {
            // A wait for boards can take longer than an ordinary call, so it gets its own deadline on top.
            var waited = request.Wait is { } wait ? XmlConvert.ToTimeSpan(wait) : TimeSpan.Zero;
            // One key for the request and its retries: a retry after a grant whose answer was lost gets that grant.
            var reservation = await new FarmHttp(_http.Client, _http.RequestTimeout + waited, _http.Retry)
                .SendAsync(HttpMethod.Post, "api/v1/reservations", JsonContent.Create(request, FarmJsonContext.Default.ReserveRequest), FarmJsonContext.Default.ReservationResponse, ct,
                    idempotencyKey: FarmHttp.NewIdempotencyKey());
            var extendBy = options.ExtendBy ?? (request.Duration is { } duration ? XmlConvert.ToTimeSpan(duration) : null);
            return new Lease(this, reservation, events, options, extendBy);
        }
        catch
        {
            await events.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A lease over an existing reservation of the caller (for example one made by <c>icefarm reserve</c>). By default
    /// it neither ends the reservation when disposed nor extends it.
    /// </summary>
    public async Task<Lease> AttachAsync(Guid reservationId, LeaseOptions? options = null, CancellationToken ct = default)
    {
        options ??= new LeaseOptions { AutoExtend = false, EndOnDispose = false };
        var events = await OpenEventsAsync(null, ct);
        try
        {
            var reservation = await GetReservationAsync(reservationId, ct);
            return new Lease(this, reservation, events, options, options.ExtendBy);
        }
        catch
        {
            await events.DisposeAsync();
            throw;
        }
    }

    /// <summary>The caller's active reservations.</summary>
    public Task<IReadOnlyList<ReservationResponse>> ListReservationsAsync(CancellationToken ct = default) =>
        _http.SendAsync(HttpMethod.Get, "api/v1/reservations", null, FarmJsonContext.Default.IReadOnlyListReservationResponse, ct);

    /// <summary>One of the caller's reservations with its boards' states.</summary>
    public Task<ReservationResponse> GetReservationAsync(Guid reservationId, CancellationToken ct = default) =>
        _http.SendAsync(HttpMethod.Get, $"api/v1/reservations/{reservationId}", null, FarmJsonContext.Default.ReservationResponse, ct);

    /// <summary>Extends a reservation to now plus <paramref name="duration"/> (the farm's default when null); never shortens it. Returns the new expiry.</summary>
    /// <remarks>Retried like a read: extending twice to "now plus the same duration" ends where extending once does.</remarks>
    public async Task<DateTimeOffset> ExtendReservationAsync(Guid reservationId, TimeSpan? duration = null, CancellationToken ct = default)
    {
        var body = new ExtendRequest(duration is { } d ? XmlConvert.ToString(d) : null);
        var answer = await _http.SendAsync(HttpMethod.Post, $"api/v1/reservations/{reservationId}/extend", JsonContent.Create(body, FarmJsonContext.Default.ExtendRequest), FarmJsonContext.Default.ReservationResponse, ct);
        return answer.ExpiresAt;
    }

    /// <summary>
    /// Renews the keepalive of a reservation made with one: it lives another TTL from now (never past its expiry).
    /// Returns the reservation with its <see cref="ReservationResponse.RenewedAt"/>.
    /// </summary>
    public Task<ReservationResponse> RenewKeepAliveAsync(Guid reservationId, CancellationToken ct = default) =>
        RenewKeepAliveAsync(reservationId, _http.RequestTimeout, ct);

    /// <summary>A renewal with its own deadline: one that hangs must fail in time for a retry before the TTL runs out.</summary>
    internal Task<ReservationResponse> RenewKeepAliveAsync(Guid reservationId, TimeSpan timeout, CancellationToken ct) =>
        // No transient retries inside: the keepalive loop retries on its own, much faster than MaxRetryTime, before the TTL ends.
        new FarmHttp(_http.Client, timeout < _http.RequestTimeout ? timeout : _http.RequestTimeout,
                new TransientRetry(new FarmClientOptions { MaxRetryTime = TimeSpan.Zero, TimeProvider = Options.TimeProvider }))
            .SendAsync(HttpMethod.Post, $"api/v1/reservations/{reservationId}/keepalive", null, FarmJsonContext.Default.ReservationResponse, ct);

    /// <summary>Ends a reservation and releases all its boards.</summary>
    /// <remarks>Retried while the farm is briefly unavailable; a retry whose first attempt did end it answers <c>reservation-ended</c>.</remarks>
    public Task EndReservationAsync(Guid reservationId, CancellationToken ct = default) =>
        _http.SendAsync(HttpMethod.Delete, $"api/v1/reservations/{reservationId}", null, ct);

    /// <summary>Releases one board of a reservation (releasing the last one ends the reservation).</summary>
    public Task ReleaseDeviceAsync(Guid reservationId, string serial, CancellationToken ct = default) =>
        _http.SendAsync(HttpMethod.Delete, $"api/v1/reservations/{reservationId}/devices/{Uri.EscapeDataString(serial)}", null, ct);

    /// <summary>Reflashes a board of a reservation, keeping it and its queued bitstreams; a <c>device-ready</c> event follows when it is back.</summary>
    public Task RebootDeviceAsync(Guid reservationId, string serial, CancellationToken ct = default) =>
        _http.SendAsync(HttpMethod.Post, $"api/v1/reservations/{reservationId}/devices/{Uri.EscapeDataString(serial)}/reboot", null, ct,
            CallReplay.IfNotDone);

    /// <summary>Queues bitstreams on boards of a reservation (every board unless <paramref name="serials"/> names some).</summary>
    /// <remarks>The upload carries a fresh <c>Idempotency-Key</c> that its retries reuse, so it is never queued twice.</remarks>
    public Task<EvaluationsAccepted> SubmitAsync(Guid reservationId, IEnumerable<Bitstream> bitstreams, IEnumerable<string>? serials = null, CancellationToken ct = default) =>
        SubmitAsync(reservationId, bitstreams, serials, null, ct);

    /// <summary>Queues bitstreams on boards of a reservation (every board unless <paramref name="serials"/> names some).</summary>
    /// <param name="reservationId">The reservation.</param>
    /// <param name="bitstreams">The bitstreams.</param>
    /// <param name="serials">The boards to evaluate on; every board of the reservation when null.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <param name="idempotencyKey">
    /// The <c>Idempotency-Key</c> of the upload (1–128 of letters, digits, <c>. _ : -</c>); a fresh one when null. Calling again
    /// with the same key returns the first answer and queues nothing more; the call's own retries always reuse its key.
    /// </param>
    public async Task<EvaluationsAccepted> SubmitAsync(Guid reservationId, IEnumerable<Bitstream> bitstreams, IEnumerable<string>? serials,
        string? idempotencyKey, CancellationToken ct = default)
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

        // Retries carry the same key, so an upload whose answer was lost is not queued twice.
        return await _http.SendAsync(HttpMethod.Post, $"api/v1/reservations/{reservationId}/evaluations", form, FarmJsonContext.Default.EvaluationsAccepted, ct,
            idempotencyKey: idempotencyKey ?? FarmHttp.NewIdempotencyKey());
    }

    /// <summary>Opens the caller's event stream, resuming after <paramref name="lastEventId"/> when given; returns once the farm confirmed the subscription.</summary>
    public async Task<FarmEventStream> OpenEventsAsync(long? lastEventId, CancellationToken ct = default)
    {
        var response = await _http.SendWithRetryAsync(HttpMethod.Get, "api/v1/events", null, HttpCompletionOption.ResponseHeadersRead, CallReplay.Safe, null, ct,
            request =>
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                if (lastEventId is { } id)
                {
                    request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
                }
            });
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(ct);
        connect.CancelAfter(_http.RequestTimeout);
        try
        {
            await FarmHttp.ThrowIfFailedAsync(response, connect.Token);
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

    /// <summary>The caller's events for as long as <paramref name="ct"/> allows, resuming a dropped stream without loss or repeats.</summary>
    public async IAsyncEnumerable<FarmEvent> WatchAsync(long? lastEventId = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var subscription = new EventSubscription(this, await OpenEventsAsync(lastEventId, ct), Options, lastEventId);
        await foreach (var item in subscription.ReadAllAsync(ct))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Client.Dispose();
        }
    }
}
