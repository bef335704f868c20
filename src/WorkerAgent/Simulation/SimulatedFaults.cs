namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// One board's armed faults: each fires for the next N operations, always, or with a probability
/// ("the next flash of board X never re-enumerates"). Thread-safe; the board asks at each decision point.
/// </summary>
internal sealed class SimulatedFaults(int seed)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private readonly Dictionary<SimulatedFault, (int Remaining, double Probability)> _armed = [];
    private readonly List<SimulatedFault> _fired = [];

    /// <summary>How long a <see cref="SimulatedFault.SlowClose"/> close blocks.</summary>
    public TimeSpan SlowCloseDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Every fault that fired, in order.</summary>
    public IReadOnlyList<SimulatedFault> Fired { get { lock (_gate) { return [.. _fired]; } } }

    /// <summary>Arms <paramref name="fault"/> for the next <paramref name="times"/> occasions.</summary>
    public SimulatedFaults Next(SimulatedFault fault, int times = 1) => Arm(fault, times, 1);

    /// <summary>Arms <paramref name="fault"/> until cleared.</summary>
    public SimulatedFaults Always(SimulatedFault fault) => Arm(fault, int.MaxValue, 1);

    /// <summary>Arms <paramref name="fault"/> to fire on each occasion with <paramref name="probability"/>.</summary>
    public SimulatedFaults WithProbability(SimulatedFault fault, double probability) => Arm(fault, int.MaxValue, probability);

    /// <summary>Disarms <paramref name="fault"/>.</summary>
    public void Clear(SimulatedFault fault)
    {
        lock (_gate)
        {
            _armed.Remove(fault);
        }
    }

    /// <summary>Whether <paramref name="fault"/> is armed at all (without consuming it).</summary>
    public bool IsArmed(SimulatedFault fault)
    {
        lock (_gate)
        {
            return _armed.ContainsKey(fault);
        }
    }

    /// <summary>Whether <paramref name="fault"/> fires on this occasion; consumes one of its occasions.</summary>
    public bool Fires(SimulatedFault fault)
    {
        lock (_gate)
        {
            if (!_armed.TryGetValue(fault, out var rule) || _random.NextDouble() >= rule.Probability)
            {
                return false;
            }

            if (rule.Remaining != int.MaxValue)
            {
                _armed[fault] = rule with { Remaining = rule.Remaining - 1 };
                if (rule.Remaining == 1)
                {
                    _armed.Remove(fault);
                }
            }

            _fired.Add(fault);
            return true;
        }
    }

    private SimulatedFaults Arm(SimulatedFault fault, int times, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(probability);
        lock (_gate)
        {
            _armed[fault] = (times, probability);
        }

        return this;
    }
}
