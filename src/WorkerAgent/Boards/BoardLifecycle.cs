using System.Collections.Frozen;
using IceFarm.Contracts.Devices;
using static IceFarm.Contracts.Devices.DeviceState;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// A board's lifecycle (ARCHITECTURE.md §6): one explicit table of legal edges; anything else is
/// rejected, so a bug shows up as an exception instead of a board in a state nobody planned for.
/// Owned by the board's actor; not thread-safe.
/// </summary>
internal sealed class BoardLifecycle
{
    private static readonly FrozenSet<(DeviceState From, DeviceState To)> Edges = new[]
    {
        (Discovered, FlashingDefault),
        (Discovered, Broken),
        (FlashingDefault, SelfTest),
        (FlashingDefault, Broken),
        (SelfTest, Available),
        (SelfTest, Broken),
        (Available, Preparing),
        (Available, FlashingDefault), // reboot by an operator
        (Available, SelfTest), // a health check that fell due while the board sat idle
        (Available, Broken),
        (Preparing, Serving),
        (Preparing, Broken),
        (Serving, Releasing),
        (Serving, Preparing), // reboot by an operator, or the recovery ladder's reflash; the reservation stays
        (Broken, Preparing), // reboot of a broken board that still holds its reservation
        (Serving, Broken),
        (Releasing, SelfTest),
        (Releasing, Broken),
        (Broken, FlashingDefault), // retried on replug, periodically, or by an operator
        (Discovered, Offline),
        (FlashingDefault, Offline),
        (SelfTest, Offline),
        (Available, Offline),
        (Preparing, Offline),
        (Serving, Offline),
        (Releasing, Offline),
        (Broken, Offline),
        (Offline, Discovered),
    }.ToFrozenSet();

    /// <summary>Every legal edge.</summary>
    public static IReadOnlySet<(DeviceState From, DeviceState To)> AllowedTransitions => Edges;

    /// <summary>The current state.</summary>
    public DeviceState State { get; private set; } = Discovered;

    /// <summary>Why the board is in <see cref="State"/>.</summary>
    public string Reason { get; private set; } = "seen on USB";

    /// <summary>Whether <paramref name="from"/> → <paramref name="to"/> is a legal edge.</summary>
    public static bool IsAllowed(DeviceState from, DeviceState to) => Edges.Contains((from, to));

    /// <summary>Whether the board may move to <paramref name="to"/> now.</summary>
    public bool CanMoveTo(DeviceState to) => IsAllowed(State, to);

    /// <summary>Moves to <paramref name="to"/>; throws <see cref="IllegalTransitionException"/> for an edge not in the table.</summary>
    public void MoveTo(DeviceState to, string reason)
    {
        if (!IsAllowed(State, to))
        {
            throw new IllegalTransitionException(State, to, reason);
        }

        State = to;
        Reason = reason;
    }
}
