namespace IceFarm.Contracts.Evaluations;

/// <summary>Whose fault a failure is, so that the right party acts on it.</summary>
public enum FailureCategory
{
    /// <summary>The caller's input was wrong (a bad bitstream, a board not in the reservation).</summary>
    User,
    /// <summary>The board misbehaved (no ready line, watchdog, hang).</summary>
    Device,
    /// <summary>The farm itself failed (bus, store, worker lost).</summary>
    Infrastructure,
}
