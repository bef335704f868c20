using IceFarm.WorkerAgent.Kinds;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>The reservation a board is being prepared for or serves.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="ClientId">Its client, echoed in results.</param>
/// <param name="Evaluation">The reservation's kind.</param>
/// <param name="Arguments">The kind's validated arguments.</param>
internal sealed record BoardReservation(Guid ReservationId, string ClientId, EvaluationKind Evaluation, KindArguments Arguments)
{
    /// <summary>Reservation kind as on the bus.</summary>
    public string Kind => Evaluation.Name;

    /// <summary>The firmware serving that kind.</summary>
    public FirmwareKind Firmware => Evaluation.Firmware;
}
