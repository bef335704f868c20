using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using IceFarm.Client.Evaluation;
using IceFarm.Client.Events;
using IceFarm.Contracts.Http;

namespace IceFarm.Client;

/// <summary>A granted reservation. Dispose it to end the reservation and release its boards.</summary>
public sealed class Lease : IAsyncDisposable
{
    private readonly FarmClient _client;
    private readonly FarmEventStream _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _ready = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<Guid, Channel<EvaluationResult>> _batches = [];
    private readonly Dictionary<Guid, List<EvaluationResult>> _early = [];
    private int _ended;

    internal Lease(FarmClient client, ReservationResponse reservation, FarmEventStream events)
    {
        _client = client;
        _events = events;
        Id = reservation.Id;
        Kind = reservation.Kind;
        ExpiresAt = reservation.ExpiresAt;
        Devices = reservation.Devices;
        foreach (var device in reservation.Devices.Where(d => d.State == "ready"))
        {
            _ready.Add(device.Serial);
        }

        CheckAllReady();
        _pump = Task.Run(() => PumpAsync(_stop.Token));
    }

    /// <summary>The reservation's id.</summary>
    public Guid Id { get; }

    /// <summary>The reservation's kind.</summary>
    public string Kind { get; }

    /// <summary>When the lease ends unless extended.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The boards granted.</summary>
    public IReadOnlyList<ReservedDevice> Devices { get; }

    /// <summary>Completes when every board has loaded the reservation's firmware.</summary>
    public Task WaitUntilReadyAsync(CancellationToken ct = default) => _allReady.Task.WaitAsync(ct);

    /// <summary>Runs every bitstream on every board of the lease and streams each result as it completes.</summary>
    public async IAsyncEnumerable<EvaluationResult> EvaluateAsync(IEnumerable<Bitstream> bitstreams, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var accepted = await _client.SubmitAsync(Id, bitstreams, null, ct);
        var results = Channel.CreateUnbounded<EvaluationResult>();
        lock (_gate)
        {
            _batches[accepted.BatchId] = results;
            if (_early.Remove(accepted.BatchId, out var early))
            {
                early.ForEach(r => results.Writer.TryWrite(r));
            }
        }

        var outstanding = accepted.Evaluations.Select(e => e.Id).ToHashSet();
        try
        {
            while (outstanding.Count > 0)
            {
                var result = await results.Reader.ReadAsync(ct);
                if (outstanding.Remove(result.EvaluationId))
                {
                    yield return result;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _batches.Remove(accepted.BatchId);
            }
        }
    }

    /// <summary>Ends the reservation now.</summary>
    public async Task EndAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            await _client.EndReservationAsync(Id, ct);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await EndAsync(deadline.Token);
        }
        catch (FarmApiException ex) when (ex.Code == "reservation-ended")
        {
            // Already over (expired, or ended by an admin): nothing left to release.
        }
        finally
        {
            await _stop.CancelAsync();
            await _events.DisposeAsync();
            await _pump.ContinueWith(static _ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        await foreach (var item in _events.ReadAllAsync(ct))
        {
            switch (item.Type)
            {
                case StreamEventTypes.DeviceReady when item.Data.GetProperty("reservationId").GetGuid() == Id:
                    lock (_gate)
                    {
                        _ready.Add(item.Data.GetProperty("serial").GetString()!);
                    }

                    CheckAllReady();
                    break;
                case StreamEventTypes.Result or StreamEventTypes.EvaluationFailed when item.Data.GetProperty("reservationId").GetGuid() == Id:
                    Route(item.Data.GetProperty("batchId").GetGuid(), ToResult(item));
                    break;
            }
        }
    }

    private void Route(Guid batchId, EvaluationResult result)
    {
        lock (_gate)
        {
            if (_batches.TryGetValue(batchId, out var channel))
            {
                channel.Writer.TryWrite(result);
            }
            else
            {
                // The result beat the submission's answer: keep it for the batch that is about to register.
                (_early.TryGetValue(batchId, out var list) ? list : _early[batchId] = []).Add(result);
            }
        }
    }

    private void CheckAllReady()
    {
        lock (_gate)
        {
            if (Devices.All(d => _ready.Contains(d.Serial)))
            {
                _allReady.TrySetResult();
            }
        }
    }

    private static EvaluationResult ToResult(FarmEvent item)
    {
        var data = item.Data;
        var id = data.GetProperty("evaluationId").GetGuid();
        var label = data.GetProperty("label").GetString() ?? "";
        var serial = data.GetProperty("serial").GetString() ?? "";
        if (item.Type == StreamEventTypes.EvaluationFailed)
        {
            return new EvaluationResult(id, label, serial, null, null, null, data.GetProperty("category").GetString(), data.GetProperty("reason").GetString());
        }

        var value = data.GetProperty("value");
        return value.ValueKind == JsonValueKind.Number
            ? new EvaluationResult(id, label, serial, value.GetInt64(), null, null, null, null)
            : new EvaluationResult(id, label, serial, null, value.GetProperty("fitness").GetDouble(),
                value.TryGetProperty("samples", out var samples) ? samples.Deserialize<int[]>() : null, null, null);
    }
}
