using System.Collections.Concurrent;
using IceFarm.FarmData.Drain;
using IceFarm.ReservationService.Drain;

namespace IceFarm.ReservationService.Tests.Drain;

/// <summary>A farm for the state machine specs: which workers exist and which reservations hold their boards.</summary>
internal sealed class FakeDrainActions : IDrainActions
{
    public ConcurrentDictionary<string, List<Guid>> Holding { get; } = new(StringComparer.Ordinal);

    public ConcurrentBag<string> MarkedDraining { get; } = [];

    public ConcurrentBag<string> MarkedDrained { get; } = [];

    public ConcurrentBag<Guid> ForceEnded { get; } = [];

    public ConcurrentDictionary<string, DrainView> Views { get; } = new(StringComparer.Ordinal);

    public Task<bool> MarkDrainingAsync(DrainState drain, CancellationToken ct)
    {
        var known = Holding.ContainsKey(drain.Worker);
        if (known)
        {
            MarkedDraining.Add(drain.Worker);
        }

        return Task.FromResult(known);
    }

    public Task<IReadOnlyList<Guid>> FindHoldingAsync(string worker, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Guid>>(Holding.TryGetValue(worker, out var held) ? [.. held] : []);

    public Task<IReadOnlyList<Guid>> ForceEndAsync(IReadOnlyList<Guid> reservations, CancellationToken ct)
    {
        foreach (var id in reservations)
        {
            ForceEnded.Add(id);
            foreach (var held in Holding.Values)
            {
                held.Remove(id);
            }
        }

        return Task.FromResult(reservations);
    }

    public Task MarkDrainedAsync(DrainState drain, CancellationToken ct)
    {
        MarkedDrained.Add(drain.Worker);
        return Task.CompletedTask;
    }

    public ConcurrentDictionary<string, bool> Overruled { get; } = new(StringComparer.Ordinal);

    public Task<bool> IsOverruledAsync(DrainState drain, CancellationToken ct) => Task.FromResult(Overruled.GetValueOrDefault(drain.Worker));

    public void Record(DrainState drain, bool finished) => Views[drain.Worker] = new DrainView
    {
        Worker = drain.Worker,
        State = drain.Cancelled ? "cancelled" : finished ? "drained" : "draining",
        Deadline = drain.Deadline,
        RemainingReservations = [.. drain.Remaining],
    };
}
