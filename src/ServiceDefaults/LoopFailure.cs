namespace IceFarm.ServiceDefaults;

/// <summary>A failed attempt of a background loop, as its log line tells it.</summary>
/// <param name="InARow">How many attempts in a row failed, this one included.</param>
/// <param name="Error">What this attempt failed with.</param>
/// <param name="NextAttemptIn">The back-off before the next attempt.</param>
internal readonly record struct LoopFailure(int InARow, Exception Error, TimeSpan NextAttemptIn);
