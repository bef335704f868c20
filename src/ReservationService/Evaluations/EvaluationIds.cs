namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// Evaluation ids are version 7 UUIDs made from the submission time, so any replica can tell when an evaluation was
/// submitted (for the latency histogram) without the ticket of the replica that took the upload.
/// </summary>
internal static class EvaluationIds
{
    public static Guid Create(DateTimeOffset submittedAt) => Guid.CreateVersion7(submittedAt);

    /// <summary>The submission time to the millisecond; null for an id that is not a version 7 UUID.</summary>
    public static DateTimeOffset? SubmittedAt(Guid id)
    {
        if (id.Version != 7)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        var milliseconds = 0L;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
