using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Workers;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// This process's picture of which boards are free, per worker, and which workers may serve which kind: a hint that
/// lets a grant pick its candidates without reading the farm. It is never the authority. The grant re-reads the chosen
/// boards and their holders under the boards' locks (<see cref="BoardLocks"/>), so a stale entry costs a retry, never a
/// double booking; and a request the index cannot satisfy is decided by a query of the projection, so a stale index
/// never refuses anybody. It is fed by every commit of this process (<see cref="FreeBoardListener"/>), by what grant
/// attempts read, and by a periodic reload (<see cref="FreeBoardIndexLoader"/>) that picks up other replicas' changes.
/// </summary>
internal sealed class FreeBoardIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IndexedBoard> _boards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexedWorker> _workers = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>False until the first full load; until then every grant reads the projection.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Marks the moment a reload's query starts; changes observed after it win over the reload's rows.</summary>
    public long Sequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>The board as its worker and the operators left it; who holds it is unchanged.</summary>
    public void Observe(DeviceView device)
    {
        lock (_gate)
        {
            Set(device.Serial, device.Worker, device.IsAvailable, BoardOf(device.Serial).Holder, ++_sequence);
        }
    }

    /// <summary>The board and who holds it, as a grant read them under the board's lock.</summary>
    public void Observe(DeviceView device, BoardHolder? holder)
    {
        lock (_gate)
        {
            Set(device.Serial, device.Worker, device.IsAvailable, holder?.ReservationId, ++_sequence);
        }
    }

    /// <summary>
    /// The boards a reservation holds or let go, as its view says after a commit of this process: a board it holds is not
    /// free; a board it let go is free again if it was this reservation's (it may be another's by now).
    /// </summary>
    public void Observe(ReservationView reservation)
    {
        lock (_gate)
        {
            foreach (var device in reservation.Devices)
            {
                var board = BoardOf(device.Serial);
                var holds = reservation.Active && device.State != ReservationDeviceState.Released;
                if (holds || board.Holder == reservation.ReservationId)
                {
                    Set(device.Serial, board.Worker ?? device.Worker, board.Available, holds ? reservation.ReservationId : null, ++_sequence);
                }
            }
        }
    }

    public void Observe(WorkerView worker)
    {
        lock (_gate)
        {
            var slot = SlotOf(worker.Name);
            slot.Eligible = worker.TakesReservations;
            slot.Kinds = [.. worker.Kinds];
            slot.Sequence = ++_sequence;
        }
    }

    /// <summary>Takes rows read at or after <paramref name="since"/>; entries observed later are newer and stay.</summary>
    public void Refresh(IEnumerable<DeviceView> devices, IReadOnlyDictionary<string, Guid> holders, IEnumerable<WorkerView> workers, long since, bool complete)
    {
        lock (_gate)
        {
            foreach (var worker in workers)
            {
                var slot = SlotOf(worker.Name);
                if (slot.Sequence <= since)
                {
                    slot.Eligible = worker.TakesReservations;
                    slot.Kinds = [.. worker.Kinds];
                }
            }

            foreach (var device in devices)
            {
                if (!_boards.TryGetValue(device.Serial, out var board) || board.Sequence <= since)
                {
                    Set(device.Serial, device.Worker, device.IsAvailable, holders.TryGetValue(device.Serial, out var holder) ? holder : null, since);
                }
            }

            IsLoaded |= complete;
        }
    }

    /// <summary>
    /// Picks <paramref name="amount"/> free boards on workers that serve <paramref name="kind"/>, round-robin over the
    /// workers (fullest first) and at random within each, and withholds them from other callers until
    /// <see cref="Settle"/>. Null when the index does not know of enough.
    /// </summary>
    public IReadOnlyList<ClaimedBoard>? TryClaim(string kind, int amount)
    {
        lock (_gate)
        {
            var workers = _workers.Values
                .Where(w => w.Eligible && w.Free.Count > 0 && w.Kinds.Contains(kind, StringComparer.Ordinal))
                .OrderByDescending(w => w.Free.Count)
                .ThenBy(w => w.Name, StringComparer.Ordinal)
                .ToList();
            if (workers.Sum(w => w.Free.Count) < amount)
            {
                return null;
            }

            var claimed = new List<ClaimedBoard>(amount);
            while (claimed.Count < amount)
            {
                foreach (var worker in workers.Where(w => w.Free.Count > 0))
                {
                    var board = worker.Free[Random.Shared.Next(worker.Free.Count)];
                    board.Claimed = true;
                    worker.Remove(board);
                    claimed.Add(new ClaimedBoard(board.Serial, worker.Name));
                    if (claimed.Count == amount)
                    {
                        break;
                    }
                }
            }

            return claimed;
        }
    }

    /// <summary>Ends a claim, granted or not: a board that is (still) free is offered again.</summary>
    public void Settle(IEnumerable<ClaimedBoard> claims)
    {
        lock (_gate)
        {
            foreach (var claim in claims)
            {
                if (_boards.TryGetValue(claim.Serial, out var board))
                {
                    board.Claimed = false;
                    Place(board);
                }
            }
        }
    }

    /// <summary>The boards it would offer for <paramref name="kind"/> now (claimed ones excluded); for diagnostics and tests.</summary>
    public IReadOnlySet<string> FreeSerials(string kind)
    {
        lock (_gate)
        {
            return _workers.Values.Where(w => w.Eligible && w.Kinds.Contains(kind, StringComparer.Ordinal))
                .SelectMany(w => w.Free).Select(b => b.Serial).ToHashSet(StringComparer.Ordinal);
        }
    }

    private void Set(string serial, string worker, bool available, Guid? holder, long sequence)
    {
        var board = BoardOf(serial);
        if (board.Worker is { } previous && previous != worker)
        {
            SlotOf(previous).Remove(board);
        }

        board.Worker = worker;
        board.Available = available;
        board.Holder = holder;
        board.Sequence = sequence;
        Place(board);
    }

    /// <summary>A board is on its worker's free list exactly when it is free and not claimed.</summary>
    private void Place(IndexedBoard board)
    {
        var slot = SlotOf(board.Worker!);
        if (board.Free && !board.Claimed)
        {
            slot.Add(board);
        }
        else
        {
            slot.Remove(board);
        }
    }

    private IndexedBoard BoardOf(string serial)
    {
        if (!_boards.TryGetValue(serial, out var board))
        {
            board = new IndexedBoard(serial);
            _boards.Add(serial, board);
        }

        return board;
    }

    private IndexedWorker SlotOf(string name)
    {
        if (!_workers.TryGetValue(name, out var slot))
        {
            slot = new IndexedWorker(name);
            _workers.Add(name, slot);
        }

        return slot;
    }
}
