using IceFarm.Contracts.Devices;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>A board was asked to take an edge its lifecycle does not have: a bug in the worker, not a board fault.</summary>
internal sealed class IllegalTransitionException(DeviceState from, DeviceState to, string reason)
    : InvalidOperationException($"A board cannot go from {from} to {to} (attempted because: {reason}).")
{
    /// <summary>The state the board was in.</summary>
    public DeviceState From { get; } = from;

    /// <summary>The state that was refused.</summary>
    public DeviceState To { get; } = to;
}
