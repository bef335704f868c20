namespace IceFarm.Contracts.Http;

/// <summary>Body of <c>POST /api/v1/reservations/{id}/extend</c>.</summary>
/// <param name="Duration">ISO-8601 duration: the lease then ends no earlier than now plus this; the service default when absent.</param>
public sealed record ExtendRequest(string? Duration = null);
