namespace IceFarm.Client.Evaluation;

/// <summary>The boards' fortunes during a run: ready again, lost (what they held fails or moves), past a deadline.</summary>
internal sealed partial class RunState
{
    /// <summary>Reboots a silent board gets before the run gives up on it (every reboot is a reflash on the farm).</summary>
    private const int MaxRebootsWithoutResult = 1;

    public void BoardReady(string serial, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_boards.TryGetValue(serial, out var board) && board.Lost is null && board.State is DeviceState.Preparing or DeviceState.Rebooting)
            {
                board.State = DeviceState.Ready;
                board.LastProgress = now;
                board.Since = now;
            }
        }
    }

    /// <summary>
    /// A replacement board joined the reservation: in throughput mode it takes work at once (uploads wait on the farm until
    /// it is prepared, within the preparation deadline). A run over every board keeps the boards it started with: its
    /// count of results was promised up front.
    /// </summary>
    public void BoardAdded(string serial, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_mode == EvaluationMode.AnyBoard)
            {
                _boards.TryAdd(serial, new RunBoard(serial, DeviceState.Preparing, now));
            }
        }
    }

    /// <summary>
    /// The board's worker restarted and runs what the board held again once the board is prepared: its result deadline
    /// starts over (a reboot now would only reflash it a second time).
    /// </summary>
    public void BoardRecovering(string serial, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_boards.TryGetValue(serial, out var board) && board.Lost is null)
            {
                board.LastProgress = now;
                board.RebootsWithoutResult = 0;
            }
        }
    }

    /// <summary>
    /// A board is gone for this run: what it held fails, or (throughput mode) moves to the other boards. Uploads to it
    /// still on their way fail with the same reason when they are answered (see <see cref="Accepted"/>, <see cref="Returned"/>).
    /// </summary>
    public void BoardLost(string serial, FailureCategory category, string reason)
    {
        lock (_gate)
        {
            if (!_boards.TryGetValue(serial, out var board) || board.Lost is not null)
            {
                return;
            }

            board.Lost = new EvaluationFailed(category, reason);
            board.State = DeviceState.Failed;
            board.InFlight = 0;
            foreach (var (id, evaluation) in _inFlight.Where(e => e.Value.Serial == serial).ToList())
            {
                _inFlight.Remove(id);
                Orphaned(evaluation.Index, id, board, evaluation.Attempt);
            }

            var orphans = _mode == EvaluationMode.AllBoards ? board.Queue : AnyUsableBoard() ? new Queue<int>() : _shared;
            while (orphans.TryDequeue(out var index))
            {
                Deliver(EvaluationResult.Failed(Guid.Empty, _bitstreams[index], serial, category, reason));
            }
        }
    }

    /// <summary>Whether any of <paramref name="serials"/> is out of the run.</summary>
    public bool AnyLost(IEnumerable<string> serials)
    {
        lock (_gate)
        {
            return serials.Any(s => _boards[s].Lost is not null);
        }
    }

    /// <summary>Boards past a deadline: those to reboot now, and those to give up on.</summary>
    public (List<string> Reboot, List<(string Serial, string Reason)> GiveUp) CheckDeadlines(DateTimeOffset now)
    {
        lock (_gate)
        {
            var reboot = new List<string>();
            var giveUp = new List<(string, string)>();
            foreach (var board in _boards.Values.Where(b => b.Lost is null))
            {
                if (board.State == DeviceState.Ready && board.InFlight > 0 && now - board.LastProgress > _options.ResultDeadline
                    && board.RebootsWithoutResult >= MaxRebootsWithoutResult)
                {
                    giveUp.Add((board.Serial, $"board {board.Serial} gave no result for {_options.ResultDeadline.TotalSeconds:0.#} s, "
                        + $"again after {board.RebootsWithoutResult} reboot(s)"));
                }
                else if (board.State == DeviceState.Ready && board.InFlight > 0 && now - board.LastProgress > _options.ResultDeadline)
                {
                    board.RebootsWithoutResult++;
                    board.State = DeviceState.Rebooting;
                    board.Since = now;
                    reboot.Add(board.Serial);
                }
                else if (board.State == DeviceState.Rebooting && now - board.Since > _options.RebootDeadline)
                {
                    giveUp.Add((board.Serial, $"board {board.Serial} gave no result for {_options.ResultDeadline.TotalSeconds:0.#} s and was not ready again within {_options.RebootDeadline.TotalSeconds:0.#} s of a reboot"));
                }
                else if (board.State == DeviceState.Preparing && now - board.Since > _options.PrepareDeadline)
                {
                    giveUp.Add((board.Serial, $"board {board.Serial} was not ready within {_options.PrepareDeadline.TotalSeconds:0.#} s"));
                }
            }

            return (reboot, giveUp);
        }
    }
}
