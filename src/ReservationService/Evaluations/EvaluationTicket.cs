namespace IceFarm.ReservationService.Evaluations;

/// <summary>An evaluation that has not ended yet. Stored at submission, deleted with the event that ends it.</summary>
internal sealed class EvaluationTicket
{
    public Guid Id { get; set; }
    public Guid ReservationId { get; set; }
    public string ClientId { get; set; } = "";
    public Guid BatchId { get; set; }
    public string Serial { get; set; } = "";

    /// <summary>The worker the evaluation was sent to: only its result or failure ends it. Null on tickets from before.</summary>
    public string? Worker { get; set; }
    public string Label { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
}
