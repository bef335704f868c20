using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Reservations;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Queue;

/// <summary>
/// Whether the farm could ever grant a request: a request for more boards of a kind than the farm has (online or not,
/// busy or not, retired ones excluded) would wait in vain and block the line, so it is refused at once. Asked only when a request was not granted.
/// A farm where no worker has announced the kind yet, or where one came online less than <see cref="QueueOptions.NewWorkerGrace"/>
/// ago, is taken to be starting: its requests wait.
/// </summary>
internal sealed class FarmCapacity(IDocumentStore store, TimeProvider time, IOptions<QueueOptions> options)
{
    /// <summary>Why the request can never be granted, or null if it could be once enough boards are free.</summary>
    public async Task<string?> ImpossibleAsync(AllocationRequest request, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var serving = (await session.Query<WorkerView>().ToListAsync(ct)).Where(w => w.Kinds.Contains(request.Kind)).ToList();
        var now = time.GetUtcNow();
        if (serving.Count == 0 || serving.Any(w => w.Online && now - w.Since < options.Value.NewWorkerGrace))
        {
            // No worker has announced the kind yet, or one has only just come online and may still be announcing boards:
            // a farm that is starting, not one that is too small. The request waits.
            return null;
        }

        var workers = serving.Select(w => w.Name).ToArray();

        if (request.Serials is { } serials)
        {
            var known = (await session.LoadManyAsync<DeviceView>(ct, serials.Select(StreamIds.Device)))
                .Where(d => workers.Contains(d.Worker, StringComparer.Ordinal) && d.Hold != Contracts.Devices.DeviceHold.Retired)
                .Select(d => d.Serial).ToHashSet(StringComparer.Ordinal);
            var missing = serials.Where(s => !known.Contains(s)).ToList();
            return missing.Count == 0 ? null : $"The farm has no {request.Kind} board(s) {string.Join(", ", missing)}.";
        }

        // Retired boards never come back by themselves; boards in maintenance or held as Bad may, so they still count.
        var all = await session.Query<DeviceView>().CountAsync(d => d.Worker.IsOneOf(workers), ct);
        var retired = await session.Query<DeviceView>().CountAsync(d => d.Worker.IsOneOf(workers) && d.Hold == Contracts.Devices.DeviceHold.Retired, ct);
        var total = all - retired;
        return request.Amount <= total ? null
            : $"{request.Amount} {request.Kind} board(s) requested, but the farm has {total} in all" + (retired > 0 ? $" ({retired} more are retired)." : ".");
    }
}
