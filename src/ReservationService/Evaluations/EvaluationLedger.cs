using Marten;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// The evaluations still running, in memory (loaded once from the store after a start): it bounds the queue per board
/// and guarantees that each evaluation ends exactly once, whichever of result, failure or cancellation comes first.
/// </summary>
internal sealed class EvaluationLedger(IDocumentStore store) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _load = new(1, 1);
    private readonly Dictionary<Guid, EvaluationTicket> _open = [];
    private readonly Dictionary<(Guid, string), int> _perBoard = [];
    private bool _loaded;

    public void Dispose() => _load.Dispose();

    public async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _loaded))
        {
            return;
        }

        await _load.WaitAsync(ct);
        try
        {
            if (!_loaded)
            {
                await using var session = store.QuerySession();
                var open = await session.Query<EvaluationTicket>().ToListAsync(ct);
                lock (_gate)
                {
                    foreach (var ticket in open)
                    {
                        AddLocked(ticket);
                    }
                }

                Volatile.Write(ref _loaded, true);
            }
        }
        finally
        {
            _load.Release();
        }
    }

    /// <summary>Adds the tickets if no board would exceed <paramref name="maxPerBoard"/> open evaluations; all or nothing.</summary>
    public bool TryOpen(IReadOnlyList<EvaluationTicket> tickets, int maxPerBoard)
    {
        lock (_gate)
        {
            foreach (var board in tickets.GroupBy(t => (t.ReservationId, t.Serial)))
            {
                if (_perBoard.GetValueOrDefault(board.Key) + board.Count() > maxPerBoard)
                {
                    return false;
                }
            }

            foreach (var ticket in tickets)
            {
                AddLocked(ticket);
            }

            return true;
        }
    }

    /// <summary>Takes the ticket of an evaluation that is still open; false for a duplicate or an evaluation already ended.</summary>
    public bool TryClose(Guid evaluationId, out EvaluationTicket ticket)
    {
        lock (_gate)
        {
            if (!_open.Remove(evaluationId, out ticket!))
            {
                return false;
            }

            Decrement(ticket);
            return true;
        }
    }

    /// <summary>Takes every open evaluation of a reservation (or of one of its boards) so they can be failed.</summary>
    public IReadOnlyList<EvaluationTicket> CloseAll(Guid reservationId, string? serial = null)
    {
        lock (_gate)
        {
            var taken = _open.Values.Where(t => t.ReservationId == reservationId && (serial is null || t.Serial == serial)).ToList();
            foreach (var ticket in taken)
            {
                _open.Remove(ticket.Id);
                Decrement(ticket);
            }

            return taken;
        }
    }

    /// <summary>Open evaluations on a board, whatever reservation they belong to.</summary>
    public IReadOnlyList<EvaluationTicket> CloseAllOnBoard(string serial)
    {
        lock (_gate)
        {
            var taken = _open.Values.Where(t => t.Serial == serial).ToList();
            foreach (var ticket in taken)
            {
                _open.Remove(ticket.Id);
                Decrement(ticket);
            }

            return taken;
        }
    }

    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    private void AddLocked(EvaluationTicket ticket)
    {
        if (_open.TryAdd(ticket.Id, ticket))
        {
            var key = (ticket.ReservationId, ticket.Serial);
            _perBoard[key] = _perBoard.GetValueOrDefault(key) + 1;
        }
    }

    private void Decrement(EvaluationTicket ticket)
    {
        var key = (ticket.ReservationId, ticket.Serial);
        if (_perBoard.TryGetValue(key, out var count) && count > 1)
        {
            _perBoard[key] = count - 1;
        }
        else
        {
            _perBoard.Remove(key);
        }
    }
}
