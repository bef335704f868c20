using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using Marten;

namespace IceFarm.ReservationService.Devices;

/// <summary>
/// Which worker may report on a board. The one that has it; another only once the board has left it (its owner reported
/// it Offline, or is offline itself): a board moved to another host is taken over, but a worker cannot take a board that
/// another live worker serves by claiming it in its heartbeat or its state changes.
/// </summary>
internal static class BoardOwnership
{
    /// <summary>Null if <paramref name="claimant"/> may report on <paramref name="board"/>; otherwise why not.</summary>
    public static string? Refusal(DeviceView? board, string claimant, bool ownerOnline) =>
        board is null || board.Worker == claimant || board.Worker.Length == 0 || !ownerOnline || board.State == DeviceState.Offline
            ? null
            : $"board {board.Serial} belongs to worker '{board.Worker}', which is online and still has it";

    /// <summary>The refusal for a board whose owner is not the claimant; reads the owner's liveness only then.</summary>
    public static async Task<string?> RefusalAsync(IQuerySession session, DeviceView? board, string claimant, CancellationToken ct)
    {
        if (board is null || board.Worker == claimant || board.Worker.Length == 0)
        {
            return null;
        }

        var owner = await session.LoadAsync<WorkerView>(StreamIds.Worker(board.Worker), ct);
        return Refusal(board, claimant, owner is { Online: true });
    }
}
