namespace IceFarm.Cli;

/// <summary>The documented exit codes of <c>icefarm</c> (README, "icefarm CLI").</summary>
internal static class ExitCodes
{
    /// <summary>Done; every evaluation produced a value.</summary>
    public const int Ok = 0;
    /// <summary>The command ran, but at least one evaluation failed.</summary>
    public const int EvaluationsFailed = 1;
    /// <summary>Bad usage: unknown option, missing argument, malformed file or duration, no URL or token.</summary>
    public const int Usage = 2;
    /// <summary>The farm refused (ProblemDetails printed), or the reservation ended under the command.</summary>
    public const int Refused = 3;
    /// <summary>The farm could not be reached, or did not answer in time.</summary>
    public const int Unreachable = 4;
    /// <summary>Not enough boards were free (within <c>--wait</c>).</summary>
    public const int NotEnoughDevices = 5;
    /// <summary>Cancelled with Ctrl+C (SIGINT) or SIGTERM; what the command reserved was ended.</summary>
    public const int Cancelled = 130;
}
