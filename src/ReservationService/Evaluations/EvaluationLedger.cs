using Marten;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// The evaluations this replica knows to be open, in memory (loaded once from the store after a start, then those it
/// takes uploads for): it bounds the queue per board. It does not decide whether an evaluation ends: the ticket in the
/// store does (<see cref="ClientEvents.ClientEventDatabase.StoreAsync"/>), since a result or failure is consumed by
/// whichever replica takes it. What another replica ended leaves this ledger on the next <see cref="Prune"/>.
/// </summary>
internal sealed class EvaluationLedger(IDocumentStore store) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _load = new(1, 1);
    private readonly Dictionary<Guid, EvaluationTicket> _open = [];
    private readonly Dictionary<(Guid, string), int> _perBoard = [];
    private readonly HashSet<Guid> _unconfirmed = [];
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
                _unconfirmed.Add(ticket.Id);
            }

            return true;
        }
    }

    /// <summary>The tickets are in the store: from now on their absence there means they ended.</summary>
    public void Confirm(IEnumerable<EvaluationTicket> tickets)
    {
        lock (_gate)
        {
            foreach (var ticket in tickets)
            {
                _unconfirmed.Remove(ticket.Id);
            }
        }
    }

    /// <summary>The open evaluations whose tickets are known to be stored, to be checked against the store.</summary>
    public IReadOnlyCollection<Guid> Stored()
    {
        lock (_gate)
        {
            return _open.Keys.Where(id => !_unconfirmed.Contains(id)).ToList();
        }
    }

    /// <summary>Forgets those of <paramref name="checkedIds"/> that are not in <paramref name="stillOpen"/>: another replica ended them.</summary>
    public int Prune(IReadOnlyCollection<Guid> checkedIds, IReadOnlyCollection<Guid> stillOpen)
    {
        var open = stillOpen.ToHashSet();
        var pruned = 0;
        foreach (var id in checkedIds.Where(id => !open.Contains(id)))
        {
            pruned += TryClose(id, out _) ? 1 : 0;
        }

        return pruned;
    }

    /// <summary>Forgets an evaluation that ended; false if this ledger did not know it as open.</summary>
    public bool TryClose(Guid evaluationId, out EvaluationTicket ticket)
    {
        lock (_gate)
        {
            if (!_open.Remove(evaluationId, out ticket!))
            {
                return false;
            }

            _unconfirmed.Remove(evaluationId);
            Decrement(ticket);
            return true;
        }
    }

    /// <summary>Forgets every open evaluation of a reservation (or of one of its boards) known here.</summary>
    public IReadOnlyList<EvaluationTicket> CloseAll(Guid reservationId, string? serial = null)
    {
        lock (_gate)
        {
            var taken = _open.Values.Where(t => t.ReservationId == reservationId && (serial is null || t.Serial == serial)).ToList();
            foreach (var ticket in taken)
            {
                _open.Remove(ticket.Id);
                _unconfirmed.Remove(ticket.Id);
                Decrement(ticket);
            }

            return taken;
        }
    }

    /// <summary>Forgets the open evaluations on a board known here, whatever reservation they belong to.</summary>
    public IReadOnlyList<EvaluationTicket> CloseAllOnBoard(string serial)
    {
        lock (_gate)
        {
            var taken = _open.Values.Where(t => t.Serial == serial).ToList();
            foreach (var ticket in taken)
            {
                _open.Remove(ticket.Id);
                _unconfirmed.Remove(ticket.Id);
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
