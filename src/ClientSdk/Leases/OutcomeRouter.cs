using IceFarm.Client.Evaluation;

namespace IceFarm.Client.Leases;

/// <summary>
/// Sends each result to the run that submitted it. A result can beat the upload's answer, so outcomes for ids
/// nobody claimed yet are kept (a bounded number: stale results of finished runs must not pile up).
/// </summary>
internal sealed class OutcomeRouter
{
    private const int MaxUnclaimed = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, EvaluationRun> _runs = [];
    private readonly Dictionary<Guid, Outcome> _unclaimed = [];
    private readonly Queue<Guid> _unclaimedOrder = new();

    public void Route(Outcome outcome)
    {
        EvaluationRun? run;
        lock (_gate)
        {
            if (!_runs.TryGetValue(outcome.EvaluationId, out run))
            {
                if (_unclaimed.TryAdd(outcome.EvaluationId, outcome))
                {
                    _unclaimedOrder.Enqueue(outcome.EvaluationId);
                    while (_unclaimedOrder.Count > MaxUnclaimed)
                    {
                        _unclaimed.Remove(_unclaimedOrder.Dequeue());
                    }
                }

                return;
            }
        }

        run.OnOutcome(outcome);
    }

    public void Register(EvaluationRun run, IEnumerable<Guid> ids)
    {
        var early = new List<Outcome>();
        lock (_gate)
        {
            foreach (var id in ids)
            {
                _runs[id] = run;
                if (_unclaimed.Remove(id, out var outcome))
                {
                    early.Add(outcome);
                }
            }
        }

        early.ForEach(run.OnOutcome);
    }

    public void Unregister(IEnumerable<Guid> ids)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                _runs.Remove(id);
            }
        }
    }
}
