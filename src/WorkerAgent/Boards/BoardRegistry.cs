using System.Collections.Concurrent;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>The actors of this worker's boards, by serial; what the consumers route commands through.</summary>
internal sealed class BoardRegistry
{
    private readonly ConcurrentDictionary<string, BoardActor> _actors = new(StringComparer.Ordinal);

    /// <summary>Every actor, in serial order.</summary>
    public IReadOnlyList<BoardActor> All => [.. _actors.Values.OrderBy(a => a.Serial, StringComparer.Ordinal)];

    /// <summary>Adds an actor; false if the serial already has one.</summary>
    public bool TryAdd(BoardActor actor) => _actors.TryAdd(actor.Serial, actor);

    /// <summary>The actor of <paramref name="serial"/>, if this worker owns that board.</summary>
    public BoardActor? Find(string serial) => _actors.GetValueOrDefault(serial);

    /// <summary>Removes the actor of <paramref name="serial"/> and returns it for disposal.</summary>
    public BoardActor? Remove(string serial) => _actors.TryRemove(serial, out var actor) ? actor : null;

    /// <summary>Removes every actor (at shutdown) and returns them for disposal.</summary>
    public IReadOnlyList<BoardActor> RemoveAll()
    {
        var all = All;
        _actors.Clear();
        return all;
    }
}
