using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using JasperFx.Events;
using Marten;
using Marten.Services.BatchQuerying;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// What keeps two grants of one board apart, and a grant apart from the worker's and the operators' changes to it: a
/// grant locks the chosen boards' streams (Marten's <c>FetchForExclusiveWriting</c>, a row lock until its commit) and
/// reads each board and its holder after the lock. Whoever appends to a locked board's stream (a worker's report, a hold)
/// waits for the grant's commit, and a second grant reads the first one's holder once it may go on. The holder's key
/// (the serial) is the backstop: an insert of a held board fails. Locks are taken in serial order, so two grants never
/// wait on each other in a circle.
/// </summary>
internal static class BoardLocks
{
    /// <summary>
    /// Starts the session's transaction and adds the locks and reads of <paramref name="serials"/> to
    /// <paramref name="batch"/>; the returned function reads them once the batch has run.
    /// </summary>
    public static async Task<Func<Task<LockedBoards>>> EnlistAsync(IDocumentSession session, IBatchedQuery batch, IEnumerable<string> serials, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var ordered = serials.Order(StringComparer.Ordinal).ToList();
        var streams = ordered.Select(s => batch.Events.FetchForExclusiveWriting<DeviceView>(StreamIds.Device(s))).ToList();
        var holders = batch.LoadMany<BoardHolder>().ById([.. ordered]);
        return async () =>
        {
            var devices = new List<DeviceView>(streams.Count);
            foreach (var stream in streams)
            {
                if ((await stream).Aggregate is { } device)
                {
                    devices.Add(device);
                }
            }

            return new LockedBoards(devices, (await holders).ToDictionary(h => h.Id, StringComparer.Ordinal));
        };
    }

    /// <summary>As <see cref="EnlistAsync"/>, in a batch of their own.</summary>
    public static async Task<LockedBoards> TakeAsync(IDocumentSession session, IEnumerable<string> serials, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var read = await EnlistAsync(session, batch, serials, ct);
        await batch.Execute(ct);
        return await read();
    }
}
