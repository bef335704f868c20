using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// One fair FIFO queue of requests waiting for boards. Whenever boards may have become free (a board changed state, a
/// reservation ended, or once per second as a safety net) the queue is served from its head; nobody overtakes the head,
/// so a large request is not starved by a stream of small ones. A waiter whose wait runs out gets <c>not-enough-devices</c>.
/// </summary>
internal sealed class AllocationQueue(
    DeviceAllocator allocator, ReservationEnder ender, TimeProvider time, IOptions<LeaseOptions> leases, ILogger<AllocationQueue> logger)
    : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly LinkedList<AllocationWaiter> _waiters = new();
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>Queues a request; the caller awaits <see cref="AllocationWaiter.Outcome"/>.</summary>
    public AllocationWaiter Enqueue(AllocationRequest request)
    {
        var waiter = new AllocationWaiter(request, time.GetUtcNow() + request.Wait);
        lock (_gate)
        {
            _waiters.AddLast(waiter);
        }

        Poke();
        return waiter;
    }

    /// <summary>Withdraws a waiter whose caller went away; false if it was already served.</summary>
    public bool Withdraw(AllocationWaiter waiter)
    {
        lock (_gate)
        {
            return _waiters.Remove(waiter) && waiter.Outcome.TrySetResult(null);
        }
    }

    /// <summary>Boards may have become free: serve the queue soon.</summary>
    public void Poke() => _pokes.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var safetyNet = new PeriodicTimer(leases.Value.CheckInterval, time);
        var tick = safetyNet.WaitForNextTickAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            var poke = _pokes.Reader.WaitToReadAsync(stoppingToken).AsTask();
            if (await Task.WhenAny(poke, tick) == tick)
            {
                tick = safetyNet.WaitForNextTickAsync(stoppingToken).AsTask();
            }

            _pokes.Reader.TryRead(out _);
            try
            {
                await ServeAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Serving the allocation queue failed; trying again at the next change");
            }
        }
    }

    internal async Task ServeAsync(CancellationToken ct)
    {
        while (Head() is { } head)
        {
            if (head.Deadline <= time.GetUtcNow())
            {
                Complete(head, null);
                continue;
            }

            var result = await allocator.AllocateAsync(head.Request, ct);
            if (result.Reservation is null)
            {
                return; // strict FIFO: the head waits for more boards, and so does everyone behind it
            }

            if (!Complete(head, result.Reservation))
            {
                // The caller left between our look at the head and the grant: give the boards back at once.
                logger.LogInformation("Reservation {ReservationId} was granted to a waiter that had just left; ending it", result.Reservation.ReservationId);
                await ender.EndAsync(result.Reservation, ReservationEndReason.EndedByClient, "left the queue", ct);
            }
        }
    }

    private AllocationWaiter? Head()
    {
        lock (_gate)
        {
            return _waiters.First?.Value;
        }
    }

    private bool Complete(AllocationWaiter waiter, ReservationView? reservation)
    {
        lock (_gate)
        {
            _waiters.Remove(waiter);
            return waiter.Outcome.TrySetResult(reservation);
        }
    }
}
