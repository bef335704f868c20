namespace IceFarm.Client.Evaluation;

/// <summary>How <c>Lease.EvaluateAsync</c> paces and watches an evaluation run.</summary>
public sealed class EvaluationOptions
{
    /// <summary>Bitstreams kept queued on each board (default 4), so the next is already there when the board is free.</summary>
    public int WindowPerBoard { get; set; } = 4;

    /// <summary>Longest a board with queued work may go without a result (default 90 s) before the client reboots it.</summary>
    /// <remarks>
    /// Longer than the broker outage the farm rides through (60 s) plus its recovery: results delayed by an outage are
    /// not a board's fault. The worker's own deadlines catch a hung board within seconds; this is the last resort.
    /// </remarks>
    public TimeSpan ResultDeadline { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Longest a rebooted board may take to be ready again (default 60 s) before its evaluations fail and it is released.</summary>
    public TimeSpan RebootDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest a board may stay in preparation (default 3 min) before it counts as lost.</summary>
    public TimeSpan PrepareDeadline { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Only these boards of the lease (default: all of them).</summary>
    public IReadOnlyCollection<string>? Serials { get; set; }

    internal void Validate()
    {
        if (WindowPerBoard < 1)
        {
            throw new ArgumentException("EvaluationOptions.WindowPerBoard must be at least 1.");
        }

        if (ResultDeadline <= TimeSpan.Zero || RebootDeadline <= TimeSpan.Zero || PrepareDeadline <= TimeSpan.Zero)
        {
            throw new ArgumentException("EvaluationOptions deadlines must be positive.");
        }
    }
}
