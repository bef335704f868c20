using IceFarm.WorkerAgent.Protocol;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// What a serving board tries after a device failure before it is declared Broken.
/// </summary>
/// <remarks>
/// Only the first rung of the ladder (ARCHITECTURE.md §6) exists yet: resync on the ready line, which
/// the firmware prints after a watchdog timeout or once a late result is out. The later issue adds
/// "reopen the port" and "reflash the kind's firmware" here, each bounded, before giving up.
/// </remarks>
internal sealed class ServingRecovery(BoardOptions options)
{
    /// <summary>Tries to get the firmware back to its ready line; null on success, otherwise why it failed.</summary>
    public async Task<string?> RecoverAsync(FirmwareSession session, CancellationToken cancellationToken)
    {
        try
        {
            if (session.IsReady || await session.WaitForAsync(FirmwareLineKind.Ready, options.ReadyDeadline, cancellationToken))
            {
                return null;
            }

            return $"no ready line within {options.ReadyDeadline.TotalSeconds:0.###} s while resyncing";
        }
        catch (IOException ex)
        {
            return $"the serial port failed while resyncing: {ex.Message}";
        }
    }
}
