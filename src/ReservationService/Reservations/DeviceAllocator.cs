using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Workers;
using JasperFx;
using Marten;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Grants boards all-or-nothing. Each grant appends to every chosen device stream at the version it was read at (FetchForWriting),
/// so two grants (in this process or another replica) can never take one board: the loser's commit fails and it
/// retries against fresh state instead of refusing while boards are free.
/// </summary>
internal sealed class DeviceAllocator(IDocumentStore store, TimeProvider time, ILogger<DeviceAllocator> logger) : IDisposable
{
    private const int MaxAttempts = 8;
    private const int OptimisticAttempts = 3;
    private const int MinimumSample = 512;

    // Taken only after optimistic attempts failed; replicas rely on the stream versions alone.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public async Task<AllocationResult> AllocateAsync(AllocationRequest request, CancellationToken ct)
    {
        // Optimistic first: concurrent grants pick different random boards and rarely collide. Under heavy contention
        // for few boards, grants of this process then take turns so nobody runs out of retries.
        for (var attempt = 1; attempt <= OptimisticAttempts; attempt++)
        {
            try
            {
                return await TryAllocateAsync(request, ct);
            }
            catch (Exception ex) when (IsConflict(ex))
            {
                logger.LogDebug("Optimistic allocation attempt {Attempt} lost a race on a device stream", attempt);
            }
        }

        await _gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await TryAllocateAsync(request, ct);
                }
                catch (Exception ex) when (IsConflict(ex) && attempt < MaxAttempts)
                {
                    logger.LogDebug("Allocation attempt {Attempt} lost a race on a device stream; retrying", attempt);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AllocationResult> TryAllocateAsync(AllocationRequest request, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var eligibleWorkers = (await session.Query<WorkerView>().Where(w => w.Online && !w.Draining).ToListAsync(ct))
            .Where(w => w.Kinds.Contains(request.Kind))
            .Select(w => w.Name)
            .ToArray();
        List<DeviceView> free;
        if (request.Serials is { } serials)
        {
            free = [.. (await session.LoadManyAsync<DeviceView>(ct, serials.Select(StreamIds.Device)))
                .Where(d => d.IsFree && eligibleWorkers.Contains(d.Worker, StringComparer.Ordinal))];
        }
        else
        {
            // A bounded sample keeps the read small on a large farm; shuffling it spreads concurrent grants apart.
            free = [.. await session.Query<DeviceView>()
                .Where(d => d.State == Contracts.Devices.DeviceState.Available && d.ReservationId == null && d.Worker.IsOneOf(eligibleWorkers))
                .Take(Math.Max(MinimumSample, request.Amount * 4))
                .ToListAsync(ct)];
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(free));
        }

        var chosen = request.Serials is { } named ? ChooseNamed(free, named) : SpreadAcrossWorkers(free, request.Amount);
        if (chosen is null)
        {
            return AllocationResult.Refused(request.Serials is null
                ? $"{request.Amount} {request.Kind} board(s) requested, {free.Count} available."
                : $"Not all of the named boards are available for {request.Kind}.");
        }

        var now = time.GetUtcNow();
        var reservationId = Guid.CreateVersion7(now);
        var expiresAt = now + request.Duration;
        foreach (var device in chosen)
        {
            // FetchForWriting checks at commit that nobody appended to the stream since this read.
            var stream = await session.Events.FetchForWriting<DeviceView>(device.Id, ct);
            if (stream.Aggregate is not { IsFree: true })
            {
                throw new ConcurrencyException(typeof(DeviceView), device.Id);
            }

            stream.AppendOne(new DeviceReserved(device.Serial, reservationId, request.ClientId, request.Kind, expiresAt, now));
        }

        var granted = new ReservationGranted(reservationId, request.ClientId, request.Kind, request.Args,
            [.. chosen.Select(d => new GrantedDevice(d.Serial, d.Worker))], expiresAt, now);
        session.Events.StartStream<ReservationView>(StreamIds.Reservation(reservationId), granted);
        await session.SaveChangesAsync(ct);
        return AllocationResult.Granted(ReservationViewProjection.Create(granted));
    }

    private static List<DeviceView>? ChooseNamed(List<DeviceView> free, IReadOnlyList<string> serials)
    {
        var bySerial = free.ToDictionary(d => d.Serial, StringComparer.Ordinal);
        var chosen = new List<DeviceView>(serials.Count);
        foreach (var serial in serials)
        {
            if (!bySerial.TryGetValue(serial, out var device))
            {
                return null;
            }

            chosen.Add(device);
        }

        return chosen;
    }

    /// <summary>Round-robin over workers, fullest first, so one host's failure takes as few boards of a grant as possible.</summary>
    private static List<DeviceView>? SpreadAcrossWorkers(List<DeviceView> free, int amount)
    {
        if (free.Count < amount)
        {
            return null;
        }

        var queues = free.GroupBy(d => d.Worker, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Queue<DeviceView>(g))
            .ToList();
        var chosen = new List<DeviceView>(amount);
        while (chosen.Count < amount)
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                chosen.Add(queue.Dequeue());
                if (chosen.Count == amount)
                {
                    break;
                }
            }
        }

        return chosen;
    }

    private static bool IsConflict(Exception ex) => StreamConflicts.IsConflict(ex);
}
