using IceFarm.FarmData.Clients;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Quotas;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Idempotency;
using IceFarm.ReservationService.Workers;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Grants boards all-or-nothing. Each grant decides under the chosen boards' locks (<see cref="BoardLocks"/>) and its
/// commit records their holder, so two grants (in this process or another replica) can never take one board: the second
/// reads the first's holder once the first has committed, and retries with other boards. Candidates come from the
/// <see cref="FreeBoardIndex"/> (no read of the farm); when the index knows too few, or after repeated conflicts, the
/// projection is queried, so nobody is refused because the index was stale. See docs/reservation-service.md, "Allocation".
/// </summary>
internal sealed class DeviceAllocator(
    IDocumentStore store, FreeBoardIndex index, FreeBoardIndexLoader loader, IOptions<QueueOptions> queue, ClientQuotas quotas,
    TimeProvider time, ILogger<DeviceAllocator> logger)
    : IDisposable
{
    private const int MaxAttempts = 8;
    private const int OptimisticAttempts = 3;
    private const int MinimumSample = 512;

    // Taken only after optimistic attempts failed; replicas rely on the boards' locks alone.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public async Task<AllocationResult> AllocateAsync(AllocationRequest request, CancellationToken ct)
    {
        // Optimistic first: the index hands concurrent grants of this process different boards, so they collide only
        // with other replicas or a stale entry. After that, grants of this process take turns on the projection.
        for (var attempt = 1; attempt <= OptimisticAttempts; attempt++)
        {
            try
            {
                return await TryAllocateAsync(request, fromIndex: true, ct);
            }
            catch (Exception ex) when (StreamConflicts.IsConflict(ex))
            {
                logger.LogDebug("Optimistic allocation attempt {Attempt} lost a race for a board", attempt);
            }
        }

        await _gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await TryAllocateAsync(request, fromIndex: false, ct);
                }
                catch (Exception ex) when (StreamConflicts.IsConflict(ex) && attempt < MaxAttempts)
                {
                    logger.LogDebug("Allocation attempt {Attempt} lost a race for a board; retrying", attempt);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AllocationResult> TryAllocateAsync(AllocationRequest request, bool fromIndex, CancellationToken ct)
    {
        if (fromIndex && request.Serials is null && index.IsLoaded)
        {
            if (index.TryClaim(request.Kind, request.Amount) is { } claims)
            {
                try
                {
                    return await GrantClaimedAsync(request, claims, ct);
                }
                finally
                {
                    index.Settle(claims);
                }
            }
        }

        return await GrantFromProjectionAsync(request, staleIndex: fromIndex && index.IsLoaded, ct);
    }

    /// <summary>One round trip locks and reads the claimed boards, their holders and their workers; one commit grants them.</summary>
    private async Task<AllocationResult> GrantClaimedAsync(AllocationRequest request, IReadOnlyList<ClaimedBoard> claims, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var batch = session.CreateBatchQuery();
        var boards = await BoardLocks.EnlistAsync(session, batch, claims.Select(c => c.Serial), ct);
        var workers = claims.Select(c => c.Worker).Distinct(StringComparer.Ordinal).Select(w => batch.Load<WorkerView>(StreamIds.Worker(w))).ToList();
        // The line and the client's standing are read in the same round trip: a request that has not queued must fit the
        // client's quotas and must not overtake a protected waiter.
        var waiting = request.Queued ? null : batch.Query<QueuedRequest>().Where(r => r.State == QueueState.Waiting).ToList();
        var account = request.Queued ? null : batch.Load<ClientAccount>(request.ClientId);
        var active = request.Queued ? null : batch.Query<ReservationView>().Where(r => r.ClientId == request.ClientId && r.Active).ToList();
        await batch.Execute(ct);
        if (!request.Queued && await RefuseAsync(request, await account!, await active!, await waiting!, session, ct) is { } refused)
        {
            return refused;
        }

        var eligible = new HashSet<string>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            if (await worker is { } view && view.TakesReservations && view.Kinds.Contains(request.Kind, StringComparer.Ordinal))
            {
                eligible.Add(view.Name);
            }
        }

        var locked = await boards();
        var free = locked.Free.Where(d => eligible.Contains(d.Worker)).ToDictionary(d => d.Serial, StringComparer.Ordinal);
        if (free.Count != claims.Count)
        {
            // The index was stale: correct it from what was just read, and try again with other boards.
            await CorrectIndexAsync(locked, workers);
            throw new ConcurrencyException(typeof(DeviceView), string.Join(", ", claims.Select(c => c.Serial)));
        }

        var now = time.GetUtcNow();
        return await CommitAsync(session, request, Guid.CreateVersion7(now), [.. claims.Select(c => free[c.Serial])], now + request.Duration, now, ct);
    }

    /// <summary>Why a request that has not queued gets nothing now: a quota it would exceed, or a protected waiter ahead of it.</summary>
    private async Task<AllocationResult?> RefuseAsync(
        AllocationRequest request, ClientAccount? account, IReadOnlyList<ReservationView> active, IReadOnlyList<QueuedRequest> waiting,
        IQuerySession session, CancellationToken ct)
    {
        var usage = await quotas.UsageAsync(request.ClientId, account, active, waitingCount: 0, session, ct);
        if (Quotas.QuotaDecision.Exceeded(usage, request.Serials?.Count ?? request.Amount, request.Duration, willWait: false) is { } over)
        {
            return AllocationResult.OverQuota(over.Quota, over.Detail);
        }

        return waiting.Count == 0 || QueuePolicy.Blocker(waiting, usage.Quota.Priority, time.GetUtcNow(), queue.Value) is not { } first
            ? null
            : AllocationResult.Behind($"{waiting.Count} request(s) wait for boards, and the one queued at {first.EnqueuedAt:u} is served first.");
    }

    private async Task CorrectIndexAsync(LockedBoards boards, List<Task<WorkerView?>> workers)
    {
        foreach (var worker in workers)
        {
            if (await worker is { } view)
            {
                index.Observe(view);
            }
        }

        foreach (var device in boards.Devices)
        {
            index.Observe(device, boards.Holders.GetValueOrDefault(device.Serial));
        }

        loader.RequestReload();
    }

    /// <summary>The authoritative path: named boards, an index that knows too few, or repeated conflicts.</summary>
    private async Task<AllocationResult> GrantFromProjectionAsync(AllocationRequest request, bool staleIndex, CancellationToken ct)
    {
        var since = index.Sequence;
        await using var session = store.LightweightSession();
        if (!request.Queued)
        {
            var waiting = await session.Query<QueuedRequest>().Where(r => r.State == QueueState.Waiting).ToListAsync(ct);
            var account = await session.LoadAsync<ClientAccount>(request.ClientId, ct);
            var active = await session.Query<ReservationView>().Where(r => r.ClientId == request.ClientId && r.Active).ToListAsync(ct);
            if (await RefuseAsync(request, account, active, waiting, session, ct) is { } refused)
            {
                return refused;
            }
        }

        var eligibleViews = await EligibleWorkers.ForKindAsync(session, request.Kind, ct);
        var eligibleWorkers = eligibleViews.Select(w => w.Name).ToArray();
        List<DeviceView> free;
        if (request.Serials is { } serials)
        {
            free = [.. (await FreeBoards.NamedAsync(session, serials, ct)).Where(d => eligibleWorkers.Contains(d.Worker, StringComparer.Ordinal))];
        }
        else
        {
            // A bounded sample keeps the read small on a large farm; shuffling it spreads concurrent grants apart.
            free = await FreeBoards.SampleAsync(session, eligibleWorkers, Math.Max(MinimumSample, request.Amount * 4), except: null, ct);
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(free));
        }

        index.Refresh(free, new Dictionary<string, Guid>(), eligibleViews, since, complete: false);
        var chosen = request.Serials is { } named ? CandidateChoice.Named(free, named) : CandidateChoice.SpreadAcrossWorkers(free, request.Amount);
        if (chosen is null)
        {
            return AllocationResult.Refused(request.Serials is null
                ? $"{request.Amount} {request.Kind} board(s) requested, {free.Count} available."
                : $"Not all of the named boards are available for {request.Kind}.");
        }

        if (staleIndex)
        {
            loader.RequestReload();
        }

        var now = time.GetUtcNow();
        var reservationId = Guid.CreateVersion7(now);
        var expiresAt = now + request.Duration;
        // Decided again under the boards' locks: what was read above may have changed since.
        var locked = (await BoardLocks.TakeAsync(session, chosen.Select(d => d.Serial), ct)).Free.ToDictionary(d => d.Serial, StringComparer.Ordinal);
        if (locked.Count != chosen.Count)
        {
            throw new ConcurrencyException(typeof(DeviceView), string.Join(", ", chosen.Select(d => d.Serial)));
        }

        return await CommitAsync(session, request, reservationId, [.. chosen.Select(d => locked[d.Serial])], expiresAt, now, ct);
    }

    private async Task<AllocationResult> CommitAsync(IDocumentSession session, AllocationRequest request, Guid reservationId,
        List<DeviceView> chosen, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct)
    {
        var granted = new ReservationGranted(reservationId, request.ClientId, request.Kind, request.Args,
            [.. chosen.Select(d => new GrantedDevice(d.Serial, d.Worker))], expiresAt, now, request.KeepAlive,
            NoReplacement: !request.ReplaceFailed || request.Serials is not null);
        // The projection inserts a holder per board in this commit; the boards' locks keep every other grant waiting for it.
        session.Events.StartStream<ReservationView>(StreamIds.Reservation(reservationId), granted);

        if (request.KeepAlive is { } ttl)
        {
            // In the grant's transaction: a keepalive reservation never exists without the document the lease monitor reads.
            session.Store(LeaseKeepAlive.Renewed(StreamIds.Reservation(reservationId), reservationId, ttl, now));
        }

        if (request.IdempotencyId is { } answerId)
        {
            session.Insert(new IdempotentRequest
            {
                Id = answerId, ClientId = request.ClientId, Operation = IdempotencyKeys.Reserve, At = now, ReservationId = reservationId,
            });
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (request.IdempotencyId is not null && !StreamConflicts.IsConflict(ex) && IdempotencyKeys.IsDuplicate(ex))
        {
            // The same request committed first (a retry racing its original): nothing of this grant was written; its answer is the first one's.
            if (await FirstGrantAsync(request.IdempotencyId, ct) is { } first)
            {
                return AllocationResult.Granted(first);
            }

            throw;
        }

        return AllocationResult.Granted(ReservationViewProjection.Create(granted));
    }

    /// <summary>The reservation an earlier request with the same idempotency key was granted, if any.</summary>
    public async Task<ReservationView?> FirstGrantAsync(string idempotencyId, CancellationToken ct)
    {
        if (await IdempotencyKeys.FindAsync(store, idempotencyId, ct) is not { } first)
        {
            return null;
        }

        await using var session = store.QuerySession();
        return await session.LoadAsync<ReservationView>(StreamIds.Reservation(first.ReservationId), ct);
    }
}
