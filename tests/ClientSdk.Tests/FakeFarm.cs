using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IceFarm.Contracts.Http;

namespace IceFarm.Client.Tests;

/// <summary>
/// An in-process stand-in for the ReservationService (API.md) with two boards: one answers every evaluation, the
/// other can be made silent, to exercise the SDK's deadline → reboot → failure path that the simulator cannot yet
/// provoke. Events go out on a real text/event-stream body.
/// </summary>
internal sealed class FakeFarm : HttpMessageHandler
{
    public const string Healthy = "HEALTHY0001";
    public const string Silent = "SILENT00002";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private readonly List<PipeWriter> _streams = [];
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly List<(Guid Id, Guid Batch, string Label)> _silentWork = [];
    private long _nextId;

    public Guid ReservationId { get; } = Guid.NewGuid();

    /// <summary>Whether the silent board comes back (and then answers) after a reboot.</summary>
    public bool ComesBackAfterReboot { get; init; }

    /// <summary>Send every result twice (as a redelivery would), to check the SDK's dedupe.</summary>
    public bool DuplicateResults { get; init; }

    public IReadOnlyCollection<string> Calls => [.. _calls];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        _calls.Enqueue($"{request.Method} {path}");
        if (path == "/api/v1/events")
        {
            var pipe = new Pipe();
            lock (_gate)
            {
                _streams.Add(pipe.Writer);
            }

            await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(": connected\n\n"), cancellationToken);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) };
            response.Content.Headers.ContentType = new("text/event-stream");
            return response;
        }

        if (request.Method == HttpMethod.Post && path == "/api/v1/reservations")
        {
            var reservation = new ReservationResponse(ReservationId, "pulsecount", new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero),
                [new ReservedDevice(Healthy, "fake-worker", "ready"), new ReservedDevice(Silent, "fake-worker", "ready")]);
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = JsonContent.Create(reservation, options: Json) };
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/evaluations", StringComparison.Ordinal))
        {
            return await EvaluateAsync(request, cancellationToken);
        }

        if (request.Method == HttpMethod.Post && path.EndsWith($"/devices/{Silent}/reboot", StringComparison.Ordinal))
        {
            if (ComesBackAfterReboot)
            {
                await EmitAsync(StreamEventTypes.DeviceReady, new DeviceReadyEvent(ReservationId, Silent), cancellationToken);
                List<(Guid Id, Guid Batch, string Label)> work;
                lock (_gate)
                {
                    work = [.. _silentWork];
                    _silentWork.Clear();
                }

                foreach (var (id, batch, label) in work)
                {
                    await EmitAsync(StreamEventTypes.Result, new ResultEvent(ReservationId, batch, id, label, Silent, 4242), cancellationToken);
                }
            }

            return new HttpResponseMessage(HttpStatusCode.Accepted);
        }

        return new HttpResponseMessage(request.Method == HttpMethod.Delete ? HttpStatusCode.NoContent : HttpStatusCode.OK)
        {
            Content = request.Method == HttpMethod.Delete ? null : JsonContent.Create(new ReservationResponse(ReservationId, "pulsecount", new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), []), options: Json),
        };
    }

    private async Task<HttpResponseMessage> EvaluateAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var form = await request.Content!.ReadAsMultipartAsync(ct);
        var serials = form.Fields.TryGetValue("serials", out var s) ? s.Split(',') : [Healthy, Silent];
        var batch = Guid.NewGuid();
        var accepted = new List<AcceptedEvaluation>();
        foreach (var label in form.FileNames)
        {
            foreach (var serial in serials)
            {
                accepted.Add(new AcceptedEvaluation(Guid.NewGuid(), label, serial));
            }
        }

        // The stream is faster than the answer here: the SDK must keep results that arrive before it knows their ids.
        foreach (var e in accepted)
        {
            if (e.Serial == Silent)
            {
                lock (_gate)
                {
                    _silentWork.Add((e.Id, batch, e.Label));
                }

                continue;
            }

            for (var copy = 0; copy < (DuplicateResults ? 2 : 1); copy++)
            {
                await EmitAsync(StreamEventTypes.Result, new ResultEvent(ReservationId, batch, e.Id, e.Label, e.Serial, 1000), ct);
            }
        }

        return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = JsonContent.Create(new EvaluationsAccepted(batch, accepted), options: Json) };
    }

    private async Task EmitAsync<T>(string type, T data, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes($"id: {id}\nevent: {type}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n");
        PipeWriter[] streams;
        lock (_gate)
        {
            streams = [.. _streams];
        }

        foreach (var stream in streams)
        {
            await stream.WriteAsync(bytes, ct);
        }
    }
}
