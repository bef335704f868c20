namespace IceFarm.AdminApi.Actions;

/// <summary>How action outcomes write ids and spans for people (the panel shows these sentences as they are).</summary>
internal static class ActionText
{
    /// <summary>The last 8 hex digits: reservation ids are time-ordered, so their first digits are shared by neighbours.</summary>
    public static string Short(Guid id) => id.ToString("N")[^8..];

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static string Human(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 && span.Seconds == 0 ? Plural((int)span.TotalHours, "hour")
        : span.TotalMinutes >= 1 && span.Seconds == 0 ? Plural((int)span.TotalMinutes, "minute")
        : Plural((int)span.TotalSeconds, "second");

    /// <summary>Longest reason kept for a maintenance, retirement or return: it is shown in tables, not a repair log.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>An operator's reason, trimmed (null when blank), or the 400 that says it is too long.</summary>
    public static bool TryReason(string? reason, out string? why, out ActionOutcome invalid)
    {
        why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        invalid = why?.Length > MaxReasonLength ? ActionOutcome.Invalid($"'reason' may be at most {MaxReasonLength} characters.") : null!;
        return invalid is null;
    }
}
