using System.Collections.Immutable;
using IceFarm.FarmData.Reservations;

namespace IceFarm.ReservationService.Reservations.Model;

/// <summary>
/// The reservation's write model: what the decisions of <see cref="ReservationDecisions"/> need, folded from the
/// reservation stream's events by <see cref="ReservationEvolution.Evolve"/> and nothing else. Immutable; an event gives a new state.
/// </summary>
internal sealed record Reservation(
    Guid Id,
    string ClientId,
    string Kind,
    ImmutableList<ReservationBoard> Boards,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    TimeSpan? KeepAlive,
    bool Active,
    bool NoReplacement,
    ImmutableHashSet<string> Replaced,
    DateTimeOffset? WarnedFor)
{
    /// <summary>
    /// The board <paramref name="serial"/> if it ever belonged to the reservation: its latest entry, since a board released
    /// earlier may come back as another's replacement.
    /// </summary>
    public ReservationBoard? Board(string serial) => Boards.FindLast(b => b.Serial == serial);

    /// <summary>The boards it still holds: every one not released (a failed board stays held until it is released).</summary>
    public IEnumerable<ReservationBoard> Held => Boards.Where(b => b.State != ReservationBoardState.Released);

    // A board moves only from the state the event presumes (null: from any); an event about a board the reservation
    // never had changes nothing, as the read model's projection does.
    internal Reservation Move(string serial, ReservationBoardState? from, ReservationBoardState to)
    {
        var index = Boards.FindLastIndex(b => b.Serial == serial);
        return index < 0 || (from is { } presumed && Boards[index].State != presumed)
            ? this
            : this with { Boards = Boards.SetItem(index, Boards[index] with { State = to }) };
    }
}
