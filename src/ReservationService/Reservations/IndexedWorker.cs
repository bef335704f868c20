namespace IceFarm.ReservationService.Reservations;

/// <summary>One worker in the <see cref="FreeBoardIndex"/>: may it serve, which kinds, and its free boards; mutated only under the index's lock.</summary>
internal sealed class IndexedWorker(string name)
{
    private readonly List<IndexedBoard> _free = [];

    public string Name { get; } = name;

    /// <summary>Online, not draining and not in maintenance. Unknown workers are not eligible until their view is observed.</summary>
    public bool Eligible { get; set; }

    public string[] Kinds { get; set; } = [];

    public long Sequence { get; set; }

    public IReadOnlyList<IndexedBoard> Free => _free;

    public void Add(IndexedBoard board)
    {
        if (board.Position >= 0)
        {
            return;
        }

        board.Position = _free.Count;
        _free.Add(board);
    }

    /// <summary>O(1): the last board takes the removed one's place.</summary>
    public void Remove(IndexedBoard board)
    {
        if (board.Position < 0 || board.Position >= _free.Count || _free[board.Position] != board)
        {
            return;
        }

        var last = _free[^1];
        _free[board.Position] = last;
        last.Position = board.Position;
        _free.RemoveAt(_free.Count - 1);
        board.Position = -1;
    }
}
