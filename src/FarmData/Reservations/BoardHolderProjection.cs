using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace IceFarm.FarmData.Reservations;

/// <summary>
/// Inline: which reservation holds each board (<see cref="BoardHolder"/>), from the reservation events alone. Every
/// write is a single statement decided by the database at commit (an insert, a delete by reservation), never a
/// document read and written back, so two transactions cannot undo each other's change: a grant's insert of a board
/// someone holds fails on the serial's key, and a release deletes only its own reservation's hold. Partial so that
/// JasperFx's source generator registers the document it writes.
/// </summary>
internal sealed partial class BoardHolderProjection : EventProjection
{
    public BoardHolderProjection()
    {
        // Only these reach it: every other commit (a worker's report, a client's feed) skips it.
        IncludeType<ReservationGranted>();
        IncludeType<ReservationDeviceReplaced>();
        IncludeType<ReservationDeviceReleased>();
        IncludeType<ReservationEnded>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ReservationGranted g:
                operations.Insert([.. g.Devices.Select(d => Hold(d, g.ReservationId, g.At))]);
                break;
            case ReservationDeviceReplaced r:
                operations.Insert(Hold(r.Replacement, r.ReservationId, r.At));
                break;
            case ReservationDeviceReleased r:
                operations.DeleteWhere<BoardHolder>(h => h.Id == r.Serial && h.ReservationId == r.ReservationId);
                break;
            case ReservationEnded x:
                operations.DeleteWhere<BoardHolder>(h => h.ReservationId == x.ReservationId);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private static BoardHolder Hold(GrantedDevice device, Guid reservationId, DateTimeOffset at) =>
        new() { Id = device.Serial, ReservationId = reservationId, Worker = device.Worker, Since = at };
}
